#include "StreamSettingsDialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using qmld::ui::StreamSettings;
using qmld::ui::StreamSettingsDialog;

class TestStreamSettingsDialog : public QObject
{
    Q_OBJECT

private:
    static StreamSettings valid()
    {
        StreamSettings s;
        s.name = u"demo"_s;
        s.applicationName = u"demo-app"_s;
        s.streamName = u"demo"_s;
        return s;
    }

    template<typename T>
    static T *find(QWidget &dialog, const QString &name)
    {
        T *widget = dialog.findChild<T *>(name);
        if (!widget)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return widget;
    }

    static QPushButton *okButton(QWidget &dialog)
    {
        return find<QDialogButtonBox>(dialog, {})->button(QDialogButtonBox::Ok);
    }

    // Replaces the text of an editor the way a user does: select all, type.
    static void retype(QWidget *editor, const QString &text)
    {
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(editor, Qt::Key_Delete);
        QTest::keyClicks(editor, text);
    }

private Q_SLOTS:
    // The demo's own settings (region "local", the embedded daemon) can be
    // saved; the same region for a KCL daemon cannot (issue 14, item 13).
    void regionOnlyWhereItApplies()
    {
        StreamSettings local = valid();
        local.region = u"local"_s;
        local.daemon = u"embedded"_s;
        StreamSettingsDialog dialog(local, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(okButton(dialog)->isEnabled());
        auto *daemon = find<QComboBox>(dialog, u"daemon"_s);
        QVERIFY(daemon);
        const int kcl = daemon->findData(u"kcl-v2"_s) >= 0 ? daemon->findData(u"kcl-v2"_s) : daemon->findText(u"kcl-v2"_s, Qt::MatchContains);
        QVERIFY2(kcl >= 0, "no kcl-v2 daemon to choose");
        daemon->setCurrentIndex(kcl);
        QTRY_VERIFY_WITH_TIMEOUT(!okButton(dialog)->isEnabled(), 5000);
        auto *error = find<QLabel>(dialog, u"error_region"_s);
        QVERIFY(error && error->text().contains(u"local"_s));
    }

    void badMaxRecordsShowsErrorAtFieldAndDisablesOk()
    {
        StreamSettingsDialog dialog(valid(), {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto *maxRecords = find<QSpinBox>(dialog, u"maxRecords"_s);
        auto *error = find<QLabel>(dialog, u"error_maxRecords"_s);
        QVERIFY(maxRecords && error);
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!error->isVisible());

        retype(maxRecords, u"0"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 5000);
        // The wording qmld run and qmld-daemon use for the same value.
        QCOMPARE(error->text(), u"maxRecords = '0' is not valid: expected a whole number from 1 to 10000"_s);
        QVERIFY(!okButton(dialog)->isEnabled());
        // The error sits with its field: right under the spin box.
        QCOMPARE(error->parentWidget(), maxRecords->parentWidget());
        QVERIFY(error->geometry().top() >= maxRecords->geometry().bottom());

        retype(maxRecords, u"20000"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(u"20000"_s), 5000);
        QVERIFY(!okButton(dialog)->isEnabled());

        retype(maxRecords, u"250"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isVisible(), 5000);
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog.settings().maxRecords, 250);
    }

    void textFieldsValidateLive()
    {
        StreamSettingsDialog dialog(valid(), {u"orders"_s});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto *name = find<QLineEdit>(dialog, u"name"_s);
        auto *nameError = find<QLabel>(dialog, u"error_name"_s);
        retype(name, u"orders"_s);
        QTRY_VERIFY_WITH_TIMEOUT(nameError->isVisible(), 5000);
        QVERIFY(nameError->text().contains(u"orders"_s));
        QVERIFY(!okButton(dialog)->isEnabled());

        auto *application = find<QLineEdit>(dialog, u"applicationName"_s);
        auto *applicationError = find<QLabel>(dialog, u"error_applicationName"_s);
        retype(application, u"bad name"_s);
        QTRY_VERIFY_WITH_TIMEOUT(applicationError->isVisible(), 5000);

        retype(name, u"payments"_s);
        retype(application, u"payments-app"_s);
        QTRY_VERIFY_WITH_TIMEOUT(okButton(dialog)->isEnabled(), 5000);
        QVERIFY(!nameError->isVisible());
        QVERIFY(!applicationError->isVisible());

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.settings().name, u"payments"_s);
        QCOMPARE(dialog.settings().applicationName, u"payments-app"_s);
    }

    void dependentFieldsFollowTheirSwitches()
    {
        StreamSettingsDialog dialog(valid(), {});
        auto *position = find<QComboBox>(dialog, u"initialPosition"_s);
        auto *timestamp = find<QDateTimeEdit>(dialog, u"atTimestamp"_s);
        auto *daemon = find<QComboBox>(dialog, u"daemon"_s);
        auto *classpath = find<QLineEdit>(dialog, u"javaClasspath"_s);
        auto *mode = find<QComboBox>(dialog, u"checkpointMode"_s);
        auto *every = find<QSpinBox>(dialog, u"checkpointEvery"_s);
        QVERIFY(position && timestamp && daemon && classpath && mode && every);

        QVERIFY(!timestamp->isEnabled());
        position->setCurrentText(u"AT_TIMESTAMP"_s);
        QVERIFY(timestamp->isEnabled());
        timestamp->setDateTime(QDateTime::fromMSecsSinceEpoch(1700000000000));
        QCOMPARE(dialog.settings().initialPosition, u"AT_TIMESTAMP"_s);
        QCOMPARE(dialog.settings().atTimestampMs, 1700000000000);

        QVERIFY(!classpath->isEnabled());
        daemon->setCurrentText(u"kcl-v2"_s);
        QVERIFY(classpath->isEnabled());
        // A KCL daemon needs a region.
        QVERIFY(!find<QLabel>(dialog, u"error_region"_s)->text().isEmpty());
        QVERIFY(!okButton(dialog)->isEnabled());
        find<QLineEdit>(dialog, u"region"_s)->setText(u"us-east-1"_s);
        QVERIFY(okButton(dialog)->isEnabled());

        mode->setCurrentIndex(mode->findData(int(StreamSettings::CheckpointMode::Off)));
        QVERIFY(!every->isEnabled());
        QCOMPARE(dialog.settings().checkpointMode, StreamSettings::CheckpointMode::Off);
    }

    void importAndExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StreamSettings initial = valid();
        initial.maxRecords = 321;
        StreamSettingsDialog source(initial, {});
        const QString path = dir.filePath(u"demo.properties"_s);
        QVERIFY(source.exportTo(path));

        StreamSettingsDialog target(valid(), {});
        QVERIFY(target.importFrom(path));
        QCOMPARE(find<QSpinBox>(target, u"maxRecords"_s)->value(), 321);
        QCOMPARE(target.settings().maxRecords, 321);

        QFile broken(dir.filePath(u"broken.properties"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("applicationName=a\nstreamName=s\nmaxRecords=many\n");
        broken.close();
        QVERIFY(!target.importFrom(broken.fileName()));
        const QString message = find<QLabel>(target, u"fileMessage"_s)->text();
        QVERIFY2(message.contains(broken.fileName() + u":3"_s) && message.contains(u"maxRecords"_s),
                 qPrintable(message));
        QCOMPARE(target.settings().maxRecords, 321); // nothing changed

        QVERIFY(!target.importFrom(dir.filePath(u"missing.properties"_s)));
        QVERIFY(find<QLabel>(target, u"fileMessage"_s)->text().contains(u"missing.properties"_s));
    }

    void everyFieldHasATooltipAndAnErrorLabel()
    {
        StreamSettingsDialog dialog(valid(), {});
        for (const QString &field : {u"name"_s, u"applicationName"_s, u"streamName"_s, u"region"_s,
                                     u"initialPosition"_s, u"atTimestamp"_s, u"maxRecords"_s, u"idleTime"_s,
                                     u"failoverTime"_s, u"daemon"_s, u"javaClasspath"_s, u"credentialsProvider"_s,
                                     u"workerId"_s, u"storePath"_s, u"checkpointEvery"_s, u"lagAlert"_s}) {
            auto *editor = dialog.findChild<QWidget *>(field);
            QVERIFY2(editor, qPrintable(field));
            QVERIFY2(!editor->toolTip().isEmpty(), qPrintable(field));
            QVERIFY2(dialog.findChild<QLabel *>(u"error_"_s + field), qPrintable(field));
        }
    }
};

QTEST_MAIN(TestStreamSettingsDialog)
#include "test_stream_settings_dialog.moc"
