#include <qmld/HashKey.h>

#include <QTest>

using namespace Qt::StringLiterals;
using qmld::HashKey;
using qmld::HashKeyRange;

namespace {
const QByteArray kMax = "340282366920938463463374607431768211455"_ba; // 2^128 - 1
}

class TestHashKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partitionKeyIsBigEndianMd5_data()
    {
        QTest::addColumn<QString>("partitionKey");
        QTest::addColumn<QByteArray>("decimal");
        // Expected values: int.from_bytes(hashlib.md5(key.encode()).digest(), 'big') in Python.
        QTest::newRow("empty") << QString() << "281949768489412648962353822266799178366"_ba;
        QTest::newRow("a") << u"a"_s << "16955237001963240173058271559858726497"_ba;
        QTest::newRow("unicode") << u"é😀"_s << "131197332185580384444761908815543233758"_ba;
        QTest::newRow("partition-1") << u"partition-1"_s << "198019941650871988756153596255032211816"_ba;
    }

    void partitionKeyIsBigEndianMd5()
    {
        QFETCH(QString, partitionKey);
        QFETCH(QByteArray, decimal);
        QCOMPARE(HashKey::fromPartitionKey(partitionKey).toByteArray(), decimal);
        QCOMPARE(HashKey::fromPartitionKey(QByteArrayView(partitionKey.toUtf8())), HashKey::fromPartitionKey(partitionKey));
    }

    void parsesAndFormats_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("formatted");
        QTest::newRow("zero") << "0"_ba << "0"_ba;
        QTest::newRow("leading zeros") << "000170"_ba << "170"_ba;
        QTest::newRow("2^64") << "18446744073709551616"_ba << "18446744073709551616"_ba;
        QTest::newRow("max") << kMax << kMax;
        QTest::newRow("max after zeros") << ("0000"_ba + kMax) << kMax;
    }

    void parsesAndFormats()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, formatted);
        const auto key = HashKey::parse(input);
        QVERIFY(key);
        QCOMPARE(key->toByteArray(), formatted);
        QCOMPARE(key->toString(), QString::fromLatin1(formatted));
        QCOMPARE(HashKey::parse(QString::fromLatin1(input)), key);
    }

    void rejectsBadDecimals_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("2^128") << "340282366920938463463374607431768211456"_ba;
        QTest::newRow("40 digits") << "1000000000000000000000000000000000000000"_ba;
        QTest::newRow("way too long") << QByteArray(200, '9');
        QTest::newRow("minus") << "-1"_ba;
        QTest::newRow("plus") << "+1"_ba;
        QTest::newRow("space") << "1 "_ba;
        QTest::newRow("hex") << "0x10"_ba;
    }

    void rejectsBadDecimals()
    {
        QFETCH(QByteArray, input);
        QCOMPARE(HashKey::parse(input), std::nullopt);
        QCOMPARE(HashKey::parse(QString::fromLatin1(input)), std::nullopt);
    }

    void bigEndianBytes()
    {
        const QByteArray bytes = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");
        const auto key = HashKey::fromBigEndian(bytes);
        QVERIFY(key);
        QCOMPARE(key->high(), 0x0102030405060708ULL);
        QCOMPARE(key->low(), 0x090a0b0c0d0e0f10ULL);
        QCOMPARE(key->toBigEndian(), bytes);
        QCOMPARE(HashKey::fromBigEndian(bytes.first(15)), std::nullopt);
    }

    void comparesAsUnsigned128()
    {
        const HashKey top(0x8000000000000000ULL, 0); // top bit set: would be negative if signed
        QVERIFY(HashKey(0, ~0ULL) < top);
        QVERIFY(top < HashKey::max());
        QCOMPARE(HashKey::max().toByteArray(), kMax);
        QVERIFY(HashKey() < HashKey(1));
    }

    void rangeIsInclusive()
    {
        const auto range = HashKeyRange::parse("100", "200");
        QVERIFY(range);
        QVERIFY(!range->contains(HashKey(99)));
        QVERIFY(range->contains(HashKey(100)));
        QVERIFY(range->contains(HashKey(200)));
        QVERIFY(!range->contains(HashKey(201)));
        QVERIFY(HashKeyRange::full().contains(HashKey()));
        QVERIFY(HashKeyRange::full().contains(HashKey::max()));
        QCOMPARE(HashKeyRange::parse("0", kMax), HashKeyRange::full());
        QCOMPARE(HashKeyRange::parse("200", "100"), std::nullopt);
        QCOMPARE(HashKeyRange::parse("x", "100"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestHashKey)
#include "test_hash_key.moc"
