#pragma once

// Starts kinesalite and dynalite (the npm implementations of the Kinesis and
// DynamoDB APIs, installed in $QMLD_NODE_PEERS by `./dev deps`) on free
// loopback ports for the AWS tests, and stops and reaps them when the
// fixture goes away, however the test ends.
//
//     qmld::test::AwsEmulators aws;
//     QMLD_START_AWS_EMULATORS(aws); // QSKIP if node or the peers are missing
//     client.setEndpoint(aws.kinesisUrl());
//
// Each emulator is a node process listening on 127.0.0.1 port 0: it prints
// the port the system gave it, so there is no window in which another test
// can take a port we picked. Streams and tables live in memory and change
// state at once (no CREATING delay).

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <sys/prctl.h>

#include <csignal>
#include <memory>

namespace qmld::test {

class AwsEmulators
{
public:
    enum class Start { Running, PeersMissing, Failed };

    AwsEmulators() = default;
    AwsEmulators(const AwsEmulators &) = delete;
    AwsEmulators &operator=(const AwsEmulators &) = delete;
    ~AwsEmulators() { stop(); }

    // Starts both; on anything but Running, why() says what is wrong.
    Start start()
    {
        stop();
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            return missing(QStringLiteral("node is not installed: the AWS tests run kinesalite and dynalite on Node.js"));
        const QString peers = qEnvironmentVariable("QMLD_NODE_PEERS");
        if (peers.isEmpty())
            return missing(QStringLiteral("QMLD_NODE_PEERS is not set: run the test through ctest"));
        for (const char *name : {"kinesalite", "dynalite"}) {
            const QString bin = QDir(peers).filePath(QStringLiteral("node_modules/.bin/") + QLatin1StringView(name));
            if (!QFileInfo::exists(bin))
                return missing(QStringLiteral("%1 is not installed in %2/node_modules: run ./dev deps").arg(QLatin1StringView(name), peers));
        }
        m_kinesis = launch(node, QDir(peers).filePath(QStringLiteral("node_modules/kinesalite")),
                           QStringLiteral("{\"createStreamMs\":0,\"deleteStreamMs\":0,\"updateStreamMs\":0,\"shardLimit\":1000}"));
        if (!m_kinesis.process)
            return failed();
        m_dynamo = launch(node, QDir(peers).filePath(QStringLiteral("node_modules/dynalite")),
                          QStringLiteral("{\"createTableMs\":0,\"deleteTableMs\":0,\"updateTableMs\":0}"));
        if (!m_dynamo.process)
            return failed();
        return Start::Running;
    }

    QString why() const { return m_why; }
    QUrl kinesisUrl() const { return url(m_kinesis); }
    QUrl dynamoUrl() const { return url(m_dynamo); }
    // kinesalite over cleartext HTTP/2, for the Java KCL 2.x/3.x daemon.
    QUrl kinesisH2cUrl() const
    {
        return m_kinesis.h2cPort ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_kinesis.h2cPort)) : QUrl();
    }
    qint64 kinesisPid() const { return m_kinesis.process ? m_kinesis.process->processId() : 0; }
    qint64 dynamoPid() const { return m_dynamo.process ? m_dynamo.process->processId() : 0; }

    // SIGTERM, a grace period, SIGKILL; always waits for the exit (reaps).
    // QProcess signals only a child it still owns, never a stale pid.
    void stop()
    {
        for (Emulator *emulator : {&m_kinesis, &m_dynamo}) {
            if (!emulator->process)
                continue;
            if (emulator->process->state() != QProcess::NotRunning) {
                emulator->process->terminate();
                if (!emulator->process->waitForFinished(5000)) {
                    emulator->process->kill();
                    emulator->process->waitForFinished(5000);
                }
            }
            emulator->process.reset();
            emulator->port = 0;
            emulator->h2cPort = 0;
        }
    }

private:
    struct Emulator
    {
        std::unique_ptr<QProcess> process;
        quint16 port = 0;
        quint16 h2cPort = 0; // the same emulator over cleartext HTTP/2
    };

    static QUrl url(const Emulator &emulator)
    {
        return emulator.port ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(emulator.port)) : QUrl();
    }

    Start missing(const QString &why)
    {
        m_why = why;
        return Start::PeersMissing;
    }

    Start failed()
    {
        stop();
        return Start::Failed;
    }

    // Runs the package's own server function, as its cli.js does, but bound
    // to loopback and port 0; the first stdout line is the port.
    Emulator launch(const QString &node, const QString &package, const QString &options)
    {
        // The same store is also served over cleartext HTTP/2 (h2c, prior
        // knowledge): the Java KCL 2.x/3.x daemon forces HTTP/2 on its Kinesis
        // client (KinesisClientUtil.adjustKinesisClientBuilder), which
        // kinesalite's HTTP/1.1 server cannot answer.
        static const QString script = QStringLiteral(
            "const server = require(process.argv[1])(JSON.parse(process.argv[2]));"
            "const h2c = require('http2').createServer();"
            "for (const listener of server.listeners('request')) h2c.on('request', listener);"
            "server.listen(0, '127.0.0.1', () => h2c.listen(0, '127.0.0.1',"
            " () => console.log(server.address().port + ' ' + h2c.address().port)));");
        const QString name = QFileInfo(package).fileName();
        Emulator emulator;
        emulator.process = std::make_unique<QProcess>();
        emulator.process->setProcessChannelMode(QProcess::SeparateChannels);
        // Dies with the test process even if the test crashes before ~AwsEmulators.
        emulator.process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        emulator.process->start(node, {QStringLiteral("-e"), script, package, options});
        if (!emulator.process->waitForStarted(10000)) {
            m_why = QStringLiteral("%1 did not start: %2").arg(name, emulator.process->errorString());
            return {};
        }
        const QDeadlineTimer deadline(30000);
        while (!emulator.process->canReadLine() && emulator.process->state() == QProcess::Running && !deadline.hasExpired())
            emulator.process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        bool numeric = false;
        bool h2cNumeric = false;
        const QList<QByteArray> ports = emulator.process->readLine().trimmed().split(' ');
        emulator.port = quint16(ports.value(0).toUInt(&numeric));
        emulator.h2cPort = quint16(ports.value(1).toUInt(&h2cNumeric));
        if (!numeric || !h2cNumeric || emulator.port == 0) {
            m_why = QStringLiteral("%1 did not report its port within 30 s: %2")
                        .arg(name, QString::fromLocal8Bit(emulator.process->readAllStandardError()).trimmed());
            return {};
        }
        if (!answers(emulator.port, deadline)) {
            m_why = QStringLiteral("%1 listens on port %2 but does not answer HTTP").arg(name).arg(emulator.port);
            return {};
        }
        return emulator;
    }

    // Any HTTP response is an answer: both reply to an unsigned GET with an
    // AWS error document.
    static bool answers(quint16 port, const QDeadlineTimer &deadline)
    {
        while (!deadline.hasExpired()) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), port);
            if (socket.waitForConnected(2000)) {
                socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                QByteArray reply;
                while (reply.size() < 8 && socket.waitForReadyRead(5000))
                    reply += socket.readAll();
                if (reply.startsWith("HTTP/1."))
                    return true;
            }
            QTest::qWait(100); // only between polls of a condition that is bounded by the deadline
        }
        return false;
    }

    Emulator m_kinesis;
    Emulator m_dynamo;
    QString m_why;
};

} // namespace qmld::test

// In a test function (or initTestCase): skips with the reason when node or the
// peers are missing, fails when they are installed but do not come up.
#define QMLD_START_AWS_EMULATORS(emulators)                                              \
    do {                                                                                 \
        switch ((emulators).start()) {                                                   \
        case qmld::test::AwsEmulators::Start::Running:                                   \
            break;                                                                       \
        case qmld::test::AwsEmulators::Start::PeersMissing:                              \
            QSKIP(qPrintable((emulators).why()));                                        \
        case qmld::test::AwsEmulators::Start::Failed:                                    \
            QFAIL(qPrintable((emulators).why()));                                        \
        }                                                                                \
    } while (false)
