// Byte-for-byte agreement with the official npm aws-kinesis-agg package, both
// ways, through tests/peers/node/kpl_agg.js.
//
// Two aws-kinesis-agg 4.2.8 quirks shape the inputs:
// - Its partition key table is Object.keys() of a JS object, which lists
//   integer-like keys ("1", "42") first, so it scrambles aggregates that mix
//   them with other keys. The inputs here use no integer-like keys.
// - Its de-aggregator reports explicit_hash_key_table[0] for a user record
//   that has no explicit hash key (protobufjs's default index 0), so explicit
//   hash keys are compared only for records that have one.

#include <qmld/Kpl.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <TestPeers.h>

using namespace Qt::StringLiterals;
using namespace qmld;

namespace {

struct Input
{
    QString partitionKey;
    QByteArray data;
    std::optional<HashKey> explicitHashKey;
};
using Inputs = std::vector<Input>;

const QByteArray kSequence = "49590338271490256608559692538361571095921575989136588898"_ba;

QByteArray toJson(const Inputs &inputs)
{
    QJsonArray array;
    for (const Input &in : inputs) {
        QJsonObject o{{u"partitionKey"_s, in.partitionKey}, {u"data"_s, QString::fromLatin1(in.data.toBase64())}};
        if (in.explicitHashKey)
            o.insert(u"explicitHashKey"_s, in.explicitHashKey->toString());
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

KplAggregate aggregateWithQmld(const Inputs &inputs)
{
    KplAggregator aggregator;
    for (const Input &in : inputs) {
        if (aggregator.add(in.partitionKey.toUtf8(), in.data, in.explicitHashKey) != KplAggregator::AddResult::Added)
            qFatal("test input does not fit one aggregate");
    }
    return *aggregator.finish();
}

} // namespace

Q_DECLARE_METATYPE(Inputs)

class TestKplNpmCompat : public QObject
{
    Q_OBJECT

    QString m_node;
    QString m_script;

    // Runs kpl_agg.js in `mode` with `input` on stdin; returns its stdout.
    QByteArray runPeer(const QString &mode, const QByteArray &input)
    {
        QProcess node;
        node.setProgram(m_node);
        node.setArguments({m_script, mode});
        node.setWorkingDirectory(QFileInfo(m_script).absolutePath());
        node.start();
        if (!node.waitForStarted(30000)) {
            qWarning("could not start %s: %s", qPrintable(m_node), qPrintable(node.errorString()));
            return {};
        }
        node.write(input);
        node.closeWriteChannel();
        if (!node.waitForFinished(60000)) {
            node.kill();
            node.waitForFinished(5000);
            qWarning("kpl_agg.js %s did not finish", qPrintable(mode));
            return {};
        }
        if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
            qWarning("kpl_agg.js %s failed: %s", qPrintable(mode), node.readAllStandardError().constData());
            return {};
        }
        return node.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("QMLD_NODE_PEERS"))
            qputenv("QMLD_NODE_PEERS", QMLD_DEFAULT_NODE_PEERS);
        const QString peers = qEnvironmentVariable("QMLD_NODE_PEERS");
        QMLD_REQUIRE_PEER(qmld::test::missingNodePeer(u"aws-kinesis-agg"_s));
        m_node = qmld::test::nodeExecutable();
        m_script = QDir(peers).absoluteFilePath(u"kpl_agg.js"_s);
        QVERIFY2(QFileInfo::exists(m_script), qPrintable(m_script));
    }

    void agreesBothWays_data()
    {
        QTest::addColumn<Inputs>("inputs");

        QTest::newRow("one record") << Inputs{{u"only"_s, "payload"_ba, std::nullopt}};
        QTest::newRow("several records") << Inputs{{u"alpha"_s, "zulu"_ba, std::nullopt},
                                                   {u"beta"_s, "yankee"_ba, std::nullopt},
                                                   {u"charlie"_s, "xray"_ba, std::nullopt}};
        QTest::newRow("shared keys") << Inputs{{u"alpha"_s, "1"_ba, std::nullopt}, {u"beta"_s, "2"_ba, std::nullopt},
                                               {u"alpha"_s, "3"_ba, std::nullopt}, {u"beta"_s, "4"_ba, std::nullopt}};
        QTest::newRow("unicode partition keys") << Inputs{{u"ключ"_s, "a"_ba, std::nullopt},
                                                          {u"é😀"_s, "b"_ba, std::nullopt},
                                                          {u"日本語のキー"_s, "c"_ba, std::nullopt},
                                                          {u"ключ"_s, "d"_ba, std::nullopt}};
        QTest::newRow("explicit hash keys") << Inputs{{u"a"_s, "1"_ba, HashKey(0)},
                                                      {u"b"_s, "2"_ba, HashKey::max()},
                                                      {u"c"_s, "3"_ba, HashKey(0)},
                                                      {u"d"_s, "4"_ba, HashKey(1ULL << 63, 12345)}};
        QTest::newRow("mixed explicit hash keys") << Inputs{{u"a"_s, "1"_ba, std::nullopt},
                                                            {u"b"_s, "2"_ba, HashKey(77)},
                                                            {u"c"_s, "3"_ba, std::nullopt}};
        QTest::newRow("empty data") << Inputs{{u"e1"_s, QByteArray(), std::nullopt},
                                              {u"e2"_s, "x"_ba, std::nullopt},
                                              {u"e1"_s, QByteArray(), HashKey(9)}};
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        QTest::newRow("binary and large data") << Inputs{{u"bin"_s, binary, std::nullopt},
                                                         {u"big"_s, QByteArray(70000, 'q'), std::nullopt}};
        Inputs many;
        for (int i = 0; i < 300; ++i)
            many.push_back({u"key-%1"_s.arg(i % 37), QByteArray::number(i).repeated(i % 5), std::nullopt});
        QTest::newRow("300 records, 37 keys (multi-byte indexes and lengths)") << many;
    }

    void agreesBothWays()
    {
        QFETCH(Inputs, inputs);

        // npm aggregates; qmld must produce the same bytes.
        const QJsonObject npmAggregate = QJsonDocument::fromJson(runPeer(u"aggregate"_s, toJson(inputs))).object();
        QVERIFY(!npmAggregate.isEmpty());
        const QByteArray npmBytes = QByteArray::fromBase64(npmAggregate.value(u"data"_s).toString().toLatin1());
        const KplAggregate ours = aggregateWithQmld(inputs);
        QCOMPARE(ours.data.toHex(), npmBytes.toHex());
        QCOMPARE(QString::fromUtf8(ours.partitionKey), npmAggregate.value(u"partitionKey"_s).toString());

        // qmld de-aggregates npm's bytes.
        StreamRecord outer;
        outer.sequenceNumber = *SequenceNumber::parse(kSequence, 0);
        outer.partitionKey = "outer"_ba;
        outer.data = npmBytes;
        const std::vector<StreamRecord> records = deaggregate(outer);
        QCOMPARE(records.size(), inputs.size());
        const auto decoded = kpl::decode(npmBytes);
        QVERIFY(decoded);
        for (size_t i = 0; i < inputs.size(); ++i) {
            QCOMPARE(records[i].partitionKeyString(), inputs[i].partitionKey);
            QCOMPARE(records[i].data, inputs[i].data);
            QCOMPARE(records[i].sequenceNumber.subSequence(), qint64(i));
            QCOMPARE(decoded->records[i].explicitHashKey.has_value(), inputs[i].explicitHashKey.has_value());
            if (inputs[i].explicitHashKey)
                QCOMPARE(decoded->records[i].explicitHashKey, std::optional(inputs[i].explicitHashKey->toByteArray()));
        }

        // npm de-aggregates qmld's bytes.
        const QJsonObject request{{u"sequenceNumber"_s, QString::fromLatin1(kSequence)},
                                  {u"partitionKey"_s, QString::fromUtf8(ours.partitionKey)},
                                  {u"data"_s, QString::fromLatin1(ours.data.toBase64())}};
        const QJsonArray npmRecords =
            QJsonDocument::fromJson(runPeer(u"deaggregate"_s, QJsonDocument(request).toJson(QJsonDocument::Compact))).array();
        QCOMPARE(npmRecords.size(), qsizetype(inputs.size()));
        for (size_t i = 0; i < inputs.size(); ++i) {
            const QJsonObject r = npmRecords.at(qsizetype(i)).toObject();
            QCOMPARE(r.value(u"partitionKey"_s).toString(), inputs[i].partitionKey);
            QCOMPARE(QByteArray::fromBase64(r.value(u"data"_s).toString().toLatin1()), inputs[i].data);
            QCOMPARE(r.value(u"subSequenceNumber"_s).toInteger(), qint64(i));
            QCOMPARE(r.value(u"sequenceNumber"_s).toString(), QString::fromLatin1(kSequence));
            if (inputs[i].explicitHashKey)
                QCOMPARE(r.value(u"explicitHashKey"_s).toString(), inputs[i].explicitHashKey->toString());
        }
    }

    void npmRejectsWhatQmldCallsCorrupt()
    {
        // The same checksum rule on both sides: a flipped MD5 byte is an error to npm
        // and a pass-through warning to qmld.
        QByteArray data = aggregateWithQmld({{u"a"_s, "1"_ba, std::nullopt}, {u"b"_s, "2"_ba, std::nullopt}}).data;
        data[data.size() - 1] = char(data.at(data.size() - 1) ^ 1);
        const QJsonObject request{{u"sequenceNumber"_s, QString::fromLatin1(kSequence)},
                                  {u"partitionKey"_s, u"a"_s},
                                  {u"data"_s, QString::fromLatin1(data.toBase64())}};
        QTest::ignoreMessage(QtWarningMsg, "kpl_agg.js deaggregate failed: kpl_agg.js: Invalid record checksum\n");
        QVERIFY(runPeer(u"deaggregate"_s, QJsonDocument(request).toJson(QJsonDocument::Compact)).isEmpty());

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"bad MD5 checksum"_s));
        StreamRecord outer;
        outer.sequenceNumber = *SequenceNumber::parse(kSequence);
        outer.data = data;
        DeaggregationWarning warning;
        const auto records = deaggregate(outer, &warning);
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(records[0].data, data);
        QCOMPARE(warning.outcome, DeaggregationOutcome::Malformed);
    }
};

QTEST_GUILESS_MAIN(TestKplNpmCompat)
#include "test_kpl_npm_compat.moc"
