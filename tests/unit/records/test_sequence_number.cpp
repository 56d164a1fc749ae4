#include <qmld/SequenceNumber.h>

#include <QTest>

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;
using qmld::SequenceNumber;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

SequenceNumber seq(const QByteArray &text, std::optional<qint64> sub = std::nullopt)
{
    auto parsed = SequenceNumber::parse(text, sub);
    if (!parsed)
        qFatal("test data is not a sequence number: %s", text.constData());
    return *parsed;
}

int sign(std::strong_ordering o)
{
    return o < 0 ? -1 : o > 0 ? 1 : 0;
}

const QByteArray kV2 = "49590338271490256608559692538361571095921575989136588898"_ba;
const QByteArray k129Nines = QByteArray(129, '9');
const QByteArray k129Ones = QByteArray(129, '1');

} // namespace

class TestSequenceNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("normalized");
        QTest::addColumn<int>("kind");

        const int digits = int(SequenceNumber::Kind::Digits);
        QTest::newRow("zero") << "0"_ba << "0"_ba << digits;
        QTest::newRow("one digit") << "7"_ba << "7"_ba << digits;
        QTest::newRow("v2 56 digits") << kV2 << kV2 << digits;
        QTest::newRow("129 digits") << k129Nines << k129Nines << digits;
        QTest::newRow("leading zeros") << "000123"_ba << "123"_ba << digits;
        QTest::newRow("all zeros") << "0000"_ba << "0"_ba << digits;
        QTest::newRow("leading zeros before 129 digits") << ("00"_ba + k129Nines) << k129Nines << digits;
        QTest::newRow("TRIM_HORIZON") << "TRIM_HORIZON"_ba << "TRIM_HORIZON"_ba << int(SequenceNumber::Kind::TrimHorizon);
        QTest::newRow("LATEST") << "LATEST"_ba << "LATEST"_ba << int(SequenceNumber::Kind::Latest);
        QTest::newRow("AT_TIMESTAMP") << "AT_TIMESTAMP"_ba << "AT_TIMESTAMP"_ba << int(SequenceNumber::Kind::AtTimestamp);
        QTest::newRow("SHARD_END") << "SHARD_END"_ba << "SHARD_END"_ba << int(SequenceNumber::Kind::ShardEnd);
    }

    void parsesValidInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, normalized);
        QFETCH(int, kind);

        const auto fromBytes = SequenceNumber::parse(input);
        QVERIFY(fromBytes);
        QVERIFY(fromBytes->isValid());
        QCOMPARE(int(fromBytes->kind()), kind);
        QCOMPARE(fromBytes->isSentinel(), kind != int(SequenceNumber::Kind::Digits));
        QCOMPARE(fromBytes->toByteArray(), normalized);
        QCOMPARE(fromBytes->toString(), QString::fromLatin1(normalized));

        const auto fromString = SequenceNumber::parse(QString::fromLatin1(input));
        QVERIFY(fromString);
        QCOMPARE(fromString->toByteArray(), normalized);
        QCOMPARE(*fromString, *fromBytes);
    }

    void rejectsInvalidInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("130 significant digits") << QByteArray(130, '9');
        QTest::newRow("130 digits after zeros") << ("0"_ba + QByteArray(130, '1'));
        QTest::newRow("plus sign") << "+123"_ba;
        QTest::newRow("minus sign") << "-123"_ba;
        QTest::newRow("leading space") << " 123"_ba;
        QTest::newRow("trailing space") << "123 "_ba;
        QTest::newRow("inner letter") << "12a3"_ba;
        QTest::newRow("decimal point") << "1.5"_ba;
        QTest::newRow("lower-case sentinel") << "latest"_ba;
        QTest::newRow("sentinel with space") << "LATEST "_ba;
        QTest::newRow("unknown word") << "AT_SEQUENCE_NUMBER"_ba;
        QTest::newRow("embedded NUL") << QByteArray("12\0" "3", 4);
    }

    void rejectsInvalidInput()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!SequenceNumber::parse(input));
        QVERIFY(!SequenceNumber::parse(QString::fromLatin1(input)));
    }

    // Digits are checked eight bytes at a time: a non-digit is found at every
    // position of every length, including the bytes whose high nibble is 3
    // (":" to "?") and those just outside the digits ("/" and "@").
    void rejectsANonDigitAnywhere()
    {
        for (const char bad : {'/', ':', '?', '@', 'p', 'y', '\x00', '\xB0', '\xFF'}) {
            for (qsizetype size = 1; size <= 70; ++size) {
                for (qsizetype at = 0; at < size; ++at) {
                    QByteArray digits(size, '7');
                    digits[at] = bad;
                    QVERIFY2(!SequenceNumber::parse(digits), digits.toHex().constData());
                    SequenceNumber reused = *SequenceNumber::parse("1"_ba);
                    QVERIFY2(!reused.assignDigits(digits), digits.toHex().constData());
                }
                QVERIFY(SequenceNumber::parse(QByteArray(size, '7')));
            }
        }
    }

    void rejectsNonLatin1Digits()
    {
        // Arabic-Indic digit one, fullwidth digit one: digits to Unicode, not to Kinesis.
        QVERIFY(!SequenceNumber::parse(u"\u0661\u0662"_s));
        QVERIFY(!SequenceNumber::parse(u"\uFF11"_s));
        // A UTF-16 unit whose low byte is an ASCII digit.
        QVERIFY(!SequenceNumber::parse(QString(QChar(char16_t(0x0131)))));
    }

    void rejectsNegativeSubSequence()
    {
        QVERIFY(!SequenceNumber::parse("123"_ba, -1));
        QVERIFY(!SequenceNumber::parse(u"123"_s, -1));
        QVERIFY(!SequenceNumber::parse("LATEST"_ba, -1));
        QVERIFY(SequenceNumber::parse("123"_ba, 0));
    }

    void defaultIsInvalid()
    {
        const SequenceNumber none;
        QVERIFY(!none.isValid());
        QVERIFY(none.toByteArray().isEmpty());
        QVERIFY(none.display().isEmpty());
        QVERIFY(none < seq("0"_ba));
        QVERIFY(none < SequenceNumber::atTimestamp());
    }

    void factoriesMatchParsedSentinels()
    {
        QCOMPARE(SequenceNumber::trimHorizon(), seq("TRIM_HORIZON"_ba));
        QCOMPARE(SequenceNumber::latest(), seq("LATEST"_ba));
        QCOMPARE(SequenceNumber::atTimestamp(), seq("AT_TIMESTAMP"_ba));
        QCOMPARE(SequenceNumber::shardEnd(), seq("SHARD_END"_ba));
        QVERIFY(SequenceNumber::trimHorizon().isValid());
        QCOMPARE(SequenceNumber::trimHorizon().kind(), SequenceNumber::Kind::TrimHorizon);
    }

    void orders_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<std::optional<qint64>>("subA");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<std::optional<qint64>>("subB");
        QTest::addColumn<int>("expected"); // sign of a <=> b

        const std::optional<qint64> none;
        const auto sub = [](qint64 s) { return std::optional<qint64>(s); };

        QTest::newRow("AT_TIMESTAMP < TRIM_HORIZON") << "AT_TIMESTAMP"_ba << none << "TRIM_HORIZON"_ba << none << -1;
        QTest::newRow("TRIM_HORIZON < LATEST") << "TRIM_HORIZON"_ba << none << "LATEST"_ba << none << -1;
        QTest::newRow("LATEST < 0") << "LATEST"_ba << none << "0"_ba << none << -1;
        QTest::newRow("LATEST < 129 digits") << "LATEST"_ba << sub(5) << k129Nines << none << -1;
        QTest::newRow("129 nines < SHARD_END") << k129Nines << sub(1000) << "SHARD_END"_ba << none << -1;
        QTest::newRow("AT_TIMESTAMP < SHARD_END") << "AT_TIMESTAMP"_ba << none << "SHARD_END"_ba << none << -1;
        QTest::newRow("shorter number is smaller") << "999"_ba << none << "1000"_ba << none << -1;
        QTest::newRow("not lexicographic") << "9"_ba << none << "10"_ba << none << -1;
        QTest::newRow("same length lexicographic") << "12345"_ba << none << "12346"_ba << none << -1;
        QTest::newRow("128 nines < 129 ones") << QByteArray(128, '9') << none << k129Ones << none << -1;
        QTest::newRow("129 digits differ in last") << (QByteArray(128, '5') + "1") << none << (QByteArray(128, '5') + "2") << none << -1;
        QTest::newRow("129 digits equal") << k129Nines << none << k129Nines << none << 0;
        QTest::newRow("v2 greater than v2 minus one")
            << "49590338271490256608559692538361571095921575989136588899"_ba << none << kV2 << none << 1;
        QTest::newRow("leading zeros are the same number") << "000042"_ba << none << "42"_ba << none << 0;
        QTest::newRow("leading zeros do not make it larger") << "0009"_ba << none << "10"_ba << none << -1;
        QTest::newRow("sub-sequence breaks ties") << kV2 << sub(1) << kV2 << sub(2) << -1;
        QTest::newRow("missing sub-sequence is 0") << kV2 << none << kV2 << sub(0) << 0;
        QTest::newRow("missing sub-sequence < 1") << kV2 << none << kV2 << sub(1) << -1;
        QTest::newRow("number beats sub-sequence") << "41"_ba << sub(999) << "42"_ba << sub(0) << -1;
        QTest::newRow("sentinel ties by sub-sequence") << "TRIM_HORIZON"_ba << sub(1) << "TRIM_HORIZON"_ba << sub(0) << 1;
        // KCL's ExtendedSequenceNumber.compareTo returns 0 for two SHARD_ENDs before looking at sub-sequence numbers.
        QTest::newRow("SHARD_END equals SHARD_END") << "SHARD_END"_ba << sub(3) << "SHARD_END"_ba << none << 0;
        QTest::newRow("max sub-sequence") << kV2 << sub(std::numeric_limits<qint64>::max()) << kV2 << sub(0) << 1;
    }

    void orders()
    {
        QFETCH(QByteArray, a);
        QFETCH(std::optional<qint64>, subA);
        QFETCH(QByteArray, b);
        QFETCH(std::optional<qint64>, subB);
        QFETCH(int, expected);

        const SequenceNumber x = seq(a, subA);
        const SequenceNumber y = seq(b, subB);
        QCOMPARE(sign(x <=> y), expected);
        QCOMPARE(sign(y <=> x), -expected);
        QCOMPARE(x == y, expected == 0);
    }

    void comparesDigitStrings()
    {
        QCOMPARE(sign(SequenceNumber::compareDigits("10", "9")), 1);
        QCOMPARE(sign(SequenceNumber::compareDigits("0010", "10")), 0);
        QCOMPARE(sign(SequenceNumber::compareDigits("0", "000")), 0);
        QCOMPARE(sign(SequenceNumber::compareDigits(k129Ones, QByteArray(128, '9'))), 1);
        QCOMPARE(sign(SequenceNumber::compareDigits("123", "124")), -1);
    }

    void subSequenceAccessors()
    {
        const SequenceNumber plain = seq(kV2);
        QCOMPARE(plain.rawSubSequence(), std::nullopt);
        QCOMPARE(plain.subSequence(), 0);

        const SequenceNumber third = plain.withSubSequence(3);
        QCOMPARE(third.rawSubSequence(), std::optional<qint64>(3));
        QCOMPARE(third.toByteArray(), kV2);
        QVERIFY(plain < third);
        QCOMPARE(third.withSubSequence(std::nullopt), plain);
    }

    void displays()
    {
        QCOMPARE(seq(kV2).display(), QString::fromLatin1(kV2));
        QCOMPARE(seq(kV2, 3).display(), QString::fromLatin1(kV2) + u"/3"_s);
        QCOMPARE(seq("0042"_ba, 0).display(), u"42"_s);
        QCOMPARE(SequenceNumber::trimHorizon().withSubSequence(0).display(), u"TRIM_HORIZON"_s);
        QCOMPARE(SequenceNumber::shardEnd().display(), u"SHARD_END"_s);
    }

    void sortsAMixedList()
    {
        std::vector<SequenceNumber> list{
            seq("SHARD_END"_ba), seq("10"_ba, 1), seq("LATEST"_ba), seq("9"_ba), seq("10"_ba),
            seq("AT_TIMESTAMP"_ba), seq(k129Nines), seq("TRIM_HORIZON"_ba), seq("0"_ba),
        };
        std::sort(list.begin(), list.end());
        QStringList displayed;
        for (const auto &s : list)
            displayed << s.display();
        const QStringList expected{u"AT_TIMESTAMP"_s, u"TRIM_HORIZON"_s, u"LATEST"_s, u"0"_s, u"9"_s,
                                   u"10"_s, u"10/1"_s, QString::fromLatin1(k129Nines), u"SHARD_END"_s};
        QCOMPARE(displayed, expected);
    }
};

QTEST_GUILESS_MAIN(TestSequenceNumber)
#include "test_sequence_number.moc"
