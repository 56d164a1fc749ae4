#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <ProcessGuard.h>

#include <poll.h>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace qmld::test;

namespace {

// Keeps accepted connections as raw descriptors, so that a test can see a
// half-close (QTcpSocket turns a read EOF into a full close).
class RawServer : public QTcpServer
{
public:
    QList<int> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.append(int(descriptor)); }
};

// Reads from a raw socket until `size` bytes or `delimiter`; bounded by `timeoutMs` per wait.
QByteArray readRaw(int fd, char delimiter, int timeoutMs = 10000)
{
    QByteArray out;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return out;
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            return out;
        out.append(c);
        if (c == delimiter)
            return out;
    }
}

// True when the peer's write side is closed: poll says readable and read() returns 0.
bool sawEndOfStream(int fd, int timeoutMs = 10000)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return false;
    char c = 0;
    return ::read(fd, &c, 1) == 0;
}


QByteArray randomBlob(qsizetype size)
{
    QByteArray blob(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(blob.data()), size / 4);
    return blob;
}

} // namespace

class TestQmldConnect : public QObject
{
    Q_OBJECT

private:
    QByteArray m_token;

    static QString program() { return qEnvironmentVariable("QMLD_BIN_DIR") + u"/qmld-connect"_s; }

    void startConnect(QProcess &process, const QStringList &arguments, bool withToken = true)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (withToken)
            environment.insert(u"QMLD_CONNECT_TOKEN"_s, QString::fromLatin1(m_token));
        else
            environment.remove(u"QMLD_CONNECT_TOKEN"_s);
        process.setProcessEnvironment(environment);
        process.start(program(), arguments);
        QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    }

    static int acceptOne(RawServer &server)
    {
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!server.accepted.isEmpty(), 10000); }();
        return server.accepted.isEmpty() ? -1 : server.accepted.takeFirst();
    }

private Q_SLOTS:
    void init()
    {
        m_token = "t" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    }

    void relaysLargeBlobsBothWays()
    {
        RawServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QProcess connector;
        startConnect(connector, {QString::number(server.serverPort())});
        const int fd = acceptOne(server);
        QVERIFY(fd >= 0);
        QCOMPARE(readRaw(fd, '\n'), QByteArray("QMLD-CONNECT " + m_token + '\n'));

        QFile cmdline(u"/proc/%1/cmdline"_s.arg(connector.processId()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        QVERIFY(!cmdline.readAll().contains(m_token));

        QTcpSocket socket;
        QVERIFY(socket.setSocketDescriptor(fd));
        QByteArray fromDaemon; // what the server receives
        QByteArray toDaemon;   // what the connector writes on stdout
        connect(&socket, &QTcpSocket::readyRead, this, [&] { fromDaemon += socket.readAll(); });
        connect(&connector, &QProcess::readyReadStandardOutput, this, [&] { toDaemon += connector.readAllStandardOutput(); });

        const QByteArray up = randomBlob(20 << 20);
        const QByteArray down = randomBlob(20 << 20).toBase64().left(20 << 20);
        connector.write(up);
        socket.write(down);
        QTRY_COMPARE_WITH_TIMEOUT(fromDaemon.size(), up.size(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(toDaemon.size(), down.size(), 60000);
        QVERIFY(fromDaemon == up);
        QVERIFY(toDaemon == down);

        // stdin EOF reaches the server as end of stream; the connector then exits 0.
        connector.closeWriteChannel();
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(connector.state() == QProcess::NotRunning, 10000);
        QCOMPARE(connector.exitStatus(), QProcess::NormalExit);
        QCOMPARE(connector.exitCode(), 0);
        QCOMPARE(connector.readAllStandardError(), QByteArray());
    }

    void keepsRelayingAfterStdinEofUntilTheServerCloses()
    {
        RawServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QProcess connector;
        startConnect(connector, {QString::number(server.serverPort())});
        const int fd = acceptOne(server);
        QVERIFY(fd >= 0);
        QCOMPARE(readRaw(fd, '\n'), QByteArray("QMLD-CONNECT " + m_token + '\n'));

        // The runner's SIGTERM to the daemon's group must not cut the line
        // the daemon's graceful shutdown still uses.
        QVERIFY(qmld::test::signalProcess(connector, SIGTERM));
        connector.write("{\"action\":\"status\"}\n");
        QVERIFY(connector.waitForBytesWritten(10000));
        connector.closeWriteChannel();
        QCOMPARE(readRaw(fd, '\n'), "{\"action\":\"status\"}\n"_ba);
        QVERIFY2(sawEndOfStream(fd), "SHUT_WR after stdin EOF");
        QVERIFY(connector.state() == QProcess::Running);

        const QByteArray late = "{\"action\":\"checkpoint\",\"sequenceNumber\":\"1\"}\n";
        QCOMPARE(::write(fd, late.constData(), size_t(late.size())), ssize_t(late.size()));
        ::close(fd);
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 0);
        QCOMPARE(connector.readAllStandardOutput(), late);
    }

    void serverClosingFirstFailsTheShard()
    {
        RawServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QProcess connector;
        startConnect(connector, {QString::number(server.serverPort())});
        const int fd = acceptOne(server);
        QVERIFY(fd >= 0);
        QCOMPARE(readRaw(fd, '\n'), QByteArray("QMLD-CONNECT " + m_token + '\n'));
        ::close(fd);
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 1);
        QCOMPARE(connector.readAllStandardError(),
                 QByteArray("qmld-connect: connection to 127.0.0.1:" + QByteArray::number(server.serverPort())
                            + " closed by qmld before the daemon finished\n"));
    }

    void cannotConnectNamesHostAndPort()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        QProcess connector;
        startConnect(connector, {QString::number(port)});
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 1);
        const QByteArray error = connector.readAllStandardError();
        QVERIFY2(error.startsWith(QByteArray("qmld-connect: cannot connect to 127.0.0.1:" + QByteArray::number(port) + ": ")),
                 error.constData());
        QVERIFY(error.contains("refused"));
        QCOMPARE(error.count('\n'), 1);
    }

    void refusesToRunWithoutToken()
    {
        QProcess connector;
        startConnect(connector, {u"4567"_s}, false);
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 2);
        QVERIFY(connector.readAllStandardError().contains("QMLD_CONNECT_TOKEN"));
    }

    void refusesAnArgumentThatIsNotAPort_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("word") << QStringList{u"abc"_s};
        QTest::newRow("zero") << QStringList{u"0"_s};
        QTest::newRow("too big") << QStringList{u"65536"_s};
        QTest::newRow("signed") << QStringList{u"-1"_s};
        QTest::newRow("none") << QStringList{};
        QTest::newRow("two") << QStringList{u"1"_s, u"2"_s};
    }

    void refusesAnArgumentThatIsNotAPort()
    {
        QFETCH(QStringList, arguments);
        QProcess connector;
        startConnect(connector, arguments);
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 2);
        QVERIFY(!connector.readAllStandardError().isEmpty());
    }

    void helpPrintsUsage()
    {
        QProcess connector;
        startConnect(connector, {u"--help"_s}, false);
        QVERIFY(connector.waitForFinished(10000));
        QCOMPARE(connector.exitCode(), 0);
        QVERIFY(connector.readAllStandardOutput().startsWith("usage: qmld-connect <port>"));
    }

    void exitsWhenItsParentDies()
    {
        RawServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        // A parent shell starts the connector with a live stdin, prints its
        // pid, then becomes a long sleep; killing it orphans the connector.
        QProcess parent;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QMLD_CONNECT_TOKEN"_s, QString::fromLatin1(m_token));
        parent.setProcessEnvironment(environment);
        parent.start(u"/bin/sh"_s, {u"-c"_s, u"exec 3<&0; \"$0\" \"$1\" <&3 & echo $!; exec sleep 1000"_s, program(),
                                    QString::number(server.serverPort())});
        QVERIFY(parent.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(parent.canReadLine(), 10000);
        const qint64 connectorPid = parent.readLine().trimmed().toLongLong();
        QVERIFY(connectorPid > 0);
        const int fd = acceptOne(server);
        QVERIFY(fd >= 0);
        QCOMPARE(readRaw(fd, '\n'), QByteArray("QMLD-CONNECT " + m_token + '\n'));

        parent.kill();
        QVERIFY(parent.waitForFinished(10000));
        QVERIFY2(sawEndOfStream(fd), "the orphaned connector closes its connection");
        ::close(fd);
        QTRY_VERIFY_WITH_TIMEOUT(!isAlive(connectorPid), 10000);
    }
};

QTEST_GUILESS_MAIN(TestQmldConnect)
#include "test_qmld_connect.moc"
