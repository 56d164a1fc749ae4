#include "protocol/LineSplitter.h"

#include <QTest>

#include <cstring>

using namespace Qt::StringLiterals;
using qmld::protocol::LineSplitter;

namespace {

QList<QByteArray> takeAll(LineSplitter &splitter)
{
    QList<QByteArray> lines;
    while (const auto line = splitter.nextLine())
        lines.append(line->toByteArray());
    return lines;
}

} // namespace

class TestLineSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsOnEveryReadLineTerminator_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<QByteArray>>("expected");
        QTest::newRow("newline") << "a\nb\n"_ba << QList<QByteArray>{"a"_ba, "b"_ba};
        QTest::newRow("crlf") << "a\r\nb\r\n"_ba << QList<QByteArray>{"a"_ba, "b"_ba};
        QTest::newRow("lone cr") << "a\rb\r"_ba << QList<QByteArray>{"a"_ba, "b"_ba};
        QTest::newRow("mixed") << "a\nb\r\nc\rd\n"_ba << QList<QByteArray>{"a"_ba, "b"_ba, "c"_ba, "d"_ba};
        QTest::newRow("blank lines") << "\n\r\n\r{x}\n\n"_ba << QList<QByteArray>{"{x}"_ba};
        QTest::newRow("whitespace-only lines") << "  \n\t\r\n \t \n{x}\n"_ba << QList<QByteArray>{"{x}"_ba};
        QTest::newRow("inner whitespace kept") << " {x} \n"_ba << QList<QByteArray>{" {x} "_ba};
        QTest::newRow("node child framing") << "\n{\"a\":1}\n\n{\"b\":2}\n"_ba
                                            << QList<QByteArray>{"{\"a\":1}"_ba, "{\"b\":2}"_ba};
    }

    void splitsOnEveryReadLineTerminator()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<QByteArray>, expected);

        LineSplitter whole;
        QVERIFY(whole.append(input));
        QCOMPARE(takeAll(whole), expected);

        // Byte by byte gives the same lines: a "\r\n" split across appends is one terminator.
        LineSplitter bytewise;
        QList<QByteArray> lines;
        for (char c : input) {
            QVERIFY(bytewise.append(QByteArrayView(&c, 1)));
            lines += takeAll(bytewise);
        }
        QCOMPARE(lines, expected);
    }

    void carriageReturnEndsTheLineAtOnce()
    {
        // readLine() returns on "\r" without waiting for the next byte, so a
        // peer that ends lines with "\r" and then waits is still answered.
        LineSplitter splitter;
        QVERIFY(splitter.append("{\"a\":1}\r"));
        QCOMPARE(takeAll(splitter), QList<QByteArray>{"{\"a\":1}"_ba});
        QVERIFY(splitter.append("\n{\"b\":2}\n"));
        QCOMPARE(takeAll(splitter), QList<QByteArray>{"{\"b\":2}"_ba});
    }

    // Once every line is taken, the next read lands at the front of the
    // buffer again, in bytes still warm in the cache, not further along.
    void readsStartAtTheFrontOnceEveryLineIsTaken()
    {
        LineSplitter splitter;
        const QByteArray line = QByteArray(1000, 'x') + "\n";
        char *first = splitter.reserve(64 * 1024); // room for a large read that brought one line
        std::memcpy(first, line.constData(), std::size_t(line.size()));
        QVERIFY(splitter.commit(line.size()));
        QCOMPARE(takeAll(splitter).size(), 1);
        for (int round = 0; round < 3; ++round) {
            char *next = splitter.reserve(line.size());
            QCOMPARE(static_cast<void *>(next), static_cast<void *>(first));
            std::memcpy(next, line.constData(), std::size_t(line.size()));
            QVERIFY(splitter.commit(line.size()));
            QCOMPARE(takeAll(splitter), QList<QByteArray>{QByteArray(1000, 'x')});
        }
    }

    void incompleteLineWaitsForItsTerminator()
    {
        LineSplitter splitter;
        QVERIFY(splitter.append("{\"action\":"));
        QVERIFY(!splitter.nextLine());
        QCOMPARE(splitter.bufferedBytes(), 10);
        QVERIFY(splitter.append("\"leaseLost\"}\n"));
        QCOMPARE(splitter.nextLine()->toByteArray(), "{\"action\":\"leaseLost\"}"_ba);
        QVERIFY(!splitter.nextLine());
    }

    void finishReturnsTheUnterminatedLastLine()
    {
        LineSplitter splitter;
        QVERIFY(splitter.append("one\ntwo"));
        QCOMPARE(splitter.finish()->toByteArray(), "one"_ba);
        QCOMPARE(splitter.finish()->toByteArray(), "two"_ba);
        QVERIFY(!splitter.finish());

        LineSplitter blank;
        QVERIFY(blank.append("  "));
        QVERIFY(!blank.finish());
    }

    void manyLinesInOneChunkComeOutInOrder()
    {
        QByteArray input;
        for (int i = 0; i < 100000; ++i)
            input += QByteArray::number(i) + (i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
        LineSplitter splitter;
        QVERIFY(splitter.append(input));
        int expected = 0;
        while (const auto line = splitter.nextLine())
            QCOMPARE(line->toByteArray(), QByteArray::number(expected++));
        QCOMPARE(expected, 100000);
    }

    void hugeLineArrivingInSmallChunks()
    {
        // A 64 MiB line in 64 KiB chunks, followed by a small one in the last chunk.
        constexpr qsizetype lineSize = qsizetype(64) * 1024 * 1024;
        constexpr qsizetype chunkSize = 64 * 1024;
        QByteArray chunk(chunkSize, 'x');
        LineSplitter splitter;
        QCOMPARE(splitter.maxLineBytes(), LineSplitter::DefaultMaxLineBytes);
        for (qsizetype sent = 0; sent < lineSize; sent += chunkSize) {
            chunk[0] = char('a' + (sent / chunkSize) % 26);
            QVERIFY(splitter.append(chunk));
            QVERIFY(!splitter.nextLine());
        }
        QVERIFY(splitter.append("\n{\"next\":1}\n"));
        const auto line = splitter.nextLine();
        QVERIFY(line);
        QCOMPARE(line->size(), lineSize);
        QCOMPARE(line->at(0), 'a');
        QCOMPARE(line->at(lineSize - chunkSize), char('a' + (lineSize / chunkSize - 1) % 26));
        QCOMPARE(line->back(), 'x');
        QCOMPARE(splitter.nextLine()->toByteArray(), "{\"next\":1}"_ba);
    }

    void lineAtTheLimitIsAccepted()
    {
        LineSplitter splitter(1000);
        const QByteArray input = QByteArray(1000, 'y') + "\r\n";
        for (qsizetype i = 0; i < input.size(); i += 7)
            QVERIFY(splitter.append(QByteArrayView(input).sliced(i, std::min<qsizetype>(7, input.size() - i))));
        QCOMPARE(splitter.nextLine()->size(), 1000);
    }

    void oversizeIncompleteLineFails()
    {
        LineSplitter splitter(1000);
        QVERIFY(splitter.append("ok\n"));
        QVERIFY(splitter.append(QByteArray(600, 'z')));
        QVERIFY(!splitter.append(QByteArray(401, 'z')));
        QVERIFY(splitter.hasFailed());
        QVERIFY(splitter.pendingStart().startsWith("zzzz"));
        QCOMPARE(splitter.pendingStart().size(), 256);
        // Unusable from now on.
        QVERIFY(!splitter.append("\n{}\n"));
        QVERIFY(!splitter.nextLine());
        QVERIFY(!splitter.finish());
    }

    void oversizeCompleteLineFails()
    {
        LineSplitter splitter(1000);
        QVERIFY(!splitter.append(QByteArray("short\n" + QByteArray(1001, 'q') + "\nafter\n")));
        QVERIFY(splitter.hasFailed());
        QVERIFY(splitter.pendingStart().startsWith("qqq"));
        QVERIFY(!splitter.nextLine());
    }

    void pendingStartShowsTheOldestLineNotTaken()
    {
        LineSplitter splitter;
        QVERIFY(splitter.append("first\nsecond"));
        QVERIFY(splitter.pendingStart().startsWith("first"));
        QVERIFY(splitter.nextLine());
        QCOMPARE(splitter.pendingStart().toByteArray(), "second"_ba);
    }

    void bufferIsReusedAcrossManyLines()
    {
        // Lines keep arriving, partially, across appends: nothing is lost
        // when the buffer compacts or grows underneath.
        LineSplitter splitter;
        QByteArray stream;
        for (int i = 0; i < 5000; ++i)
            stream += QByteArray(i % 700, char('a' + i % 26)) + "#" + QByteArray::number(i) + "\n";
        int next = 0;
        for (qsizetype at = 0; at < stream.size(); at += 997) {
            QVERIFY(splitter.append(QByteArrayView(stream).sliced(at, std::min<qsizetype>(997, stream.size() - at))));
            while (const auto line = splitter.nextLine()) {
                QCOMPARE(line->toByteArray(), QByteArray(next % 700, char('a' + next % 26)) + "#" + QByteArray::number(next));
                ++next;
            }
        }
        QCOMPARE(next, 5000);
        QCOMPARE(splitter.bufferedBytes(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLineSplitter)
#include "test_line_splitter.moc"
