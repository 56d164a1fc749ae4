#include <qmld/JavaProperties.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::JavaProperties;

class TestJavaProperties : public QObject
{
    Q_OBJECT

private:
    static JavaProperties parsed(QByteArrayView text)
    {
        QString error;
        const auto properties = JavaProperties::parse(text, u"test.properties"_s, &error);
        if (!properties)
            qFatal("unexpected parse error: %s", qPrintable(error));
        return *properties;
    }

private Q_SLOTS:
    void separators_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("equals") << "key=value"_ba << u"key"_s << u"value"_s;
        QTest::newRow("colon") << "key: value"_ba << u"key"_s << u"value"_s;
        QTest::newRow("space") << "key value"_ba << u"key"_s << u"value"_s;
        QTest::newRow("blanks around") << "  key \t =  \f value"_ba << u"key"_s << u"value"_s;
        QTest::newRow("space then colon") << "key   :value"_ba << u"key"_s << u"value"_s;
        QTest::newRow("second separator kept") << "key==value"_ba << u"key"_s << u"=value"_s;
        QTest::newRow("trailing blanks kept") << "key=value  "_ba << u"key"_s << u"value  "_s;
        QTest::newRow("no value") << "key"_ba << u"key"_s << QString();
        QTest::newRow("empty value") << "key="_ba << u"key"_s << QString();
        QTest::newRow("escaped separators in key") << "a\\=b\\:c\\ d=e"_ba << u"a=b:c d"_s << u"e"_s;
        QTest::newRow("escapes") << "k=tab\\there\\nnew\\\\slash\\rcr\\fff"_ba << u"k"_s << u"tab\there\nnew\\slash\rcr\fff"_s;
        QTest::newRow("unicode escape") << "k=caf\\u00e9 \\u20AC"_ba << u"k"_s << u"café €"_s;
        QTest::newRow("unknown escape drops backslash") << "k=\\q\\#"_ba << u"k"_s << u"q#"_s;
        QTest::newRow("utf-8 text") << "k=café"_ba << u"k"_s << u"café"_s;
        QTest::newRow("latin-1 text") << "k=caf\xe9"_ba << u"k"_s << u"café"_s;
        QTest::newRow("hash inside value") << "k=a#b!c"_ba << u"k"_s << u"a#b!c"_s;
        QTest::newRow("continuation") << "k=one \\\n    two \\\n\tthree"_ba << u"k"_s << u"one two three"_s;
        QTest::newRow("continuation crlf") << "k=one\\\r\n  two\r\n"_ba << u"k"_s << u"onetwo"_s;
        QTest::newRow("even backslashes do not continue") << "k=one\\\\\nx=y"_ba << u"k"_s << u"one\\"_s;
        QTest::newRow("continued line starting with hash") << "k=one\\\n  #two"_ba << u"k"_s << u"one#two"_s;
        QTest::newRow("continuation at end of file") << "k=one\\"_ba << u"k"_s << u"one"_s;
    }

    void separators()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, key);
        QFETCH(QString, value);
        const JavaProperties properties = parsed(text);
        QVERIFY2(properties.contains(key), qPrintable(properties.keys().join(u'|')));
        QCOMPARE(properties.value(key), value);
    }

    void commentsBlankLinesAndOrder()
    {
        const JavaProperties properties = parsed("# comment = no\n"
                                                 "! also a comment\n"
                                                 "   # indented comment \\\n"
                                                 "zeta=1\n"
                                                 "\n"
                                                 "   \t\n"
                                                 "alpha=2\r"
                                                 "mid=3\r\n"
                                                 "zeta=4\n");
        QCOMPARE(properties.keys(), (QStringList{u"zeta"_s, u"alpha"_s, u"mid"_s}));
        // A repeated key keeps its first position and takes the last value.
        QCOMPARE(properties.value(u"zeta"), u"4"_s);
        QCOMPARE(properties.value(u"missing", u"fallback"_s), u"fallback"_s);
        QVERIFY(!properties.contains(u"# comment"));
    }

    void linesAreRecorded()
    {
        const JavaProperties properties = parsed("# header\n\nfirst=1\nlong=a\\\n  b\\\n  c\nlast=2\n");
        QCOMPARE(properties.location(u"first"), u"test.properties:3"_s);
        QCOMPARE(properties.location(u"long"), u"test.properties:4"_s);
        QCOMPARE(properties.location(u"last"), u"test.properties:7"_s);
    }

    void malformedUnicodeEscapeNamesFileAndLine()
    {
        QString error;
        QVERIFY(!JavaProperties::parse("a=1\nb=\\u12G4\n", u"app.properties"_s, &error));
        QCOMPARE(error, u"app.properties:2: malformed \\uXXXX escape"_s);
        QVERIFY(!JavaProperties::parse("a=\\u12", u"app.properties"_s, &error));
        QCOMPARE(error, u"app.properties:1: malformed \\uXXXX escape"_s);
    }

    void missingFileNamesThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"absent.properties"_s);
        QString error;
        QVERIFY(!JavaProperties::load(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!error.contains(u'\n'));
    }

    void unreadableFileNamesThePath()
    {
        QTemporaryDir dir;
        QVERIFY2(!JavaProperties::load(dir.path()), "a folder is not a properties file");
        QString error;
        JavaProperties::load(dir.path(), &error);
        QVERIFY2(error.contains(dir.path()), qPrintable(error));
    }

    void roundTripThroughAFile()
    {
        JavaProperties original;
        original.set(u"plain"_s, u"value"_s);
        original.set(u"key with spaces=and:colons#!"_s, u"  leading blanks, trailing  "_s);
        original.set(u"controls"_s, u"tab\tnewline\ncr\rff\f backslash\\"_s);
        original.set(u"unicode"_s, u"café € \U0001F600"_s);
        original.set(u"separators"_s, u"a=b:c #d !e"_s);
        original.set(u"empty"_s, QString());

        const QByteArray text = original.toByteArray(u"header"_s);
        for (const char c : text)
            QVERIFY2(uchar(c) < 0x80, "the file is ASCII");
        QVERIFY(text.startsWith("# header\n"));

        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.properties"_s);
        QString error;
        QVERIFY2(original.save(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error), qPrintable(error));
        QCOMPARE(QFile::permissions(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                                               | QFileDevice::WriteUser);
        const auto loaded = JavaProperties::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->keys(), original.keys());
        for (const JavaProperties::Entry &entry : original.entries())
            QCOMPARE(loaded->value(entry.key), entry.value);
    }

    void setKeepsPositionAndRemoveDrops()
    {
        JavaProperties properties = parsed("a=1\nb=2\nc=3\n");
        properties.set(u"b"_s, u"20"_s);
        properties.set(u"d"_s, u"4"_s);
        QVERIFY(properties.remove(u"a"));
        QVERIFY(!properties.remove(u"a"));
        QCOMPARE(properties.keys(), (QStringList{u"b"_s, u"c"_s, u"d"_s}));
        QCOMPARE(properties.value(u"b"), u"20"_s);
        QCOMPARE(properties.toByteArray(), "b=20\nc=3\nd=4\n"_ba);
    }
};

QTEST_GUILESS_MAIN(TestJavaProperties)
#include "test_java_properties.moc"
