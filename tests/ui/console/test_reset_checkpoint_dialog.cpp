// "Reset checkpoint" as a user goes through it: a bad sequence number is
// named at its field and OK stays off; OK asks once more, naming the
// application, the shard, the old and the new value; only Yes there accepts.

#include "widgets/ResetCheckpointDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qmld;
using qmld::ui::ResetCheckpointDialog;

namespace {
const QString kApplication = u"qmld-demo"_s;
const QString kShard = u"shardId-000000000003"_s;
const QString kOld = u"49590338271490256608559692538361571095921575989136588898"_s;
const QString kNew = u"49590338271490256608559692538361571095921575989136500000"_s;

enum Kind { TrimHorizon, Latest, AtTimestamp, Sequence };

// Answers the confirmation when it shows: records its text, clicks `answer`.
class ConfirmationAnswerer : public QObject
{
public:
    explicit ConfirmationAnswerer(QMessageBox::StandardButton answer) : m_answer(answer)
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
        m_timer.start();
    }

    bool seen() const { return m_seen; }
    QString text() const { return m_text; }
    QString objectNameSeen() const { return m_name; }
    bool cancelWasDefault() const { return m_cancelDefault; }

private:
    void poll()
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        m_timer.stop();
        m_seen = true;
        m_text = box->text();
        m_name = box->objectName();
        m_cancelDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
        QAbstractButton *button = box->button(m_answer);
        if (button)
            button->click();
        else
            box->reject();
    }

    QMessageBox::StandardButton m_answer;
    QTimer m_timer;
    bool m_seen = false;
    bool m_cancelDefault = false;
    QString m_text;
    QString m_name;
};
} // namespace

class TestResetCheckpointDialog : public QObject
{
    Q_OBJECT

    struct Ui
    {
        QComboBox *kind = nullptr;
        QLineEdit *sequence = nullptr;
        QLabel *error = nullptr;
        QPushButton *ok = nullptr;
    };

    static Ui find(ResetCheckpointDialog &dialog)
    {
        Ui ui;
        ui.kind = dialog.findChild<QComboBox *>(u"resetKind"_s);
        ui.sequence = dialog.findChild<QLineEdit *>(u"resetSequence"_s);
        ui.error = dialog.findChild<QLabel *>(u"error_sequence"_s);
        if (auto *box = dialog.findChild<QDialogButtonBox *>())
            ui.ok = box->button(QDialogButtonBox::Ok);
        return ui;
    }

    static void retype(QLineEdit *editor, const QString &text)
    {
        editor->setFocus();
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Delete);
        QTest::keyClicks(editor, text);
    }

private Q_SLOTS:
    void badSequenceNumberShowsErrorAtFieldAndDisablesOk()
    {
        ResetCheckpointDialog dialog(kApplication, kShard, kOld);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const Ui ui = find(dialog);
        QVERIFY(ui.kind && ui.sequence && ui.error && ui.ok);

        // TRIM_HORIZON is chosen first: fine as it is; no sequence number to type.
        QVERIFY(ui.ok->isEnabled());
        QVERIFY(!ui.sequence->isEnabled());
        QCOMPARE(ui.error->text(), QString());

        ui.kind->setCurrentIndex(Sequence);
        QVERIFY(ui.sequence->isEnabled());
        QVERIFY(!ui.ok->isEnabled()); // nothing typed yet
        QCOMPARE(ui.error->text(), QString()); // no scolding before typing

        retype(ui.sequence, u"4959x12"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!ui.error->text().isEmpty(), 5000);
        QVERIFY2(ui.error->text().contains(u"4959x12"_s), qPrintable(ui.error->text()));
        QVERIFY(ui.error->isVisible());
        QVERIFY(!ui.ok->isEnabled());
        QVERIFY(!dialog.target());
        // At its field: right below the line edit.
        QCOMPARE(ui.error->parentWidget(), ui.sequence->parentWidget());
        QVERIFY(ui.error->geometry().top() >= ui.sequence->geometry().bottom());

        // A sentinel is not a sequence number here; it has its own choice.
        retype(ui.sequence, u"LATEST"_s);
        QTRY_VERIFY_WITH_TIMEOUT(ui.error->text().contains(u"LATEST"_s), 5000);
        QVERIFY(!ui.ok->isEnabled());

        // Too long: 130 digits.
        retype(ui.sequence, QString(130, u'7'));
        QTRY_VERIFY_WITH_TIMEOUT(!ui.error->text().isEmpty(), 5000);
        QVERIFY(!ui.ok->isEnabled());

        retype(ui.sequence, kNew);
        QTRY_COMPARE_WITH_TIMEOUT(ui.error->text(), QString(), 5000);
        QVERIFY(ui.ok->isEnabled());
        QCOMPARE(dialog.targetText(), kNew);
        QCOMPARE(dialog.target()->sequenceNumber.toString(), kNew);

        // A bad number left behind while another choice is made does not block it.
        retype(ui.sequence, u"nope"_s);
        QTRY_VERIFY(!ui.ok->isEnabled());
        ui.kind->setCurrentIndex(Latest);
        QCOMPARE(ui.error->text(), QString());
        QVERIFY(ui.ok->isEnabled());
        QCOMPARE(dialog.targetText(), u"LATEST"_s);
        QCOMPARE(dialog.target()->type, ShardPosition::Type::Latest);

        // Enter with a bad number does not get past the dialog.
        ui.kind->setCurrentIndex(Sequence);
        QVERIFY(!ui.ok->isEnabled());
        ConfirmationAnswerer answerer(QMessageBox::Yes);
        ui.sequence->setFocus(); // the user is typing there
        QTRY_VERIFY_WITH_TIMEOUT(ui.sequence->hasFocus(), 5000);
        QTest::keyClick(ui.sequence, Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!answerer.seen());
    }

    void cancelInConfirmationKeepsTheDialog()
    {
        ResetCheckpointDialog dialog(kApplication, kShard, kOld);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const Ui ui = find(dialog);
        ui.kind->setCurrentIndex(Sequence);
        retype(ui.sequence, kNew);
        QTRY_VERIFY_WITH_TIMEOUT(ui.ok->isEnabled(), 5000);

        ConfirmationAnswerer answerer(QMessageBox::Cancel);
        QTest::mouseClick(ui.ok, Qt::LeftButton); // returns once the confirmation is answered
        QTRY_VERIFY_WITH_TIMEOUT(answerer.seen(), 5000);
        QCOMPARE(answerer.objectNameSeen(), u"resetConfirmation"_s);
        const QString text = answerer.text();
        QVERIFY2(text.contains(kApplication), qPrintable(text));
        QVERIFY2(text.contains(kShard), qPrintable(text));
        QVERIFY2(text.contains(kOld), qPrintable(text));
        QVERIFY2(text.contains(kNew), qPrintable(text));
        QVERIFY(answerer.cancelWasDefault()); // a stray Enter does not reset

        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!QApplication::activeModalWidget() || QApplication::activeModalWidget() == &dialog);
        // The choice is still there to correct or confirm.
        QCOMPARE(ui.sequence->text(), kNew);
        QVERIFY(ui.ok->isEnabled());
    }

    void yesInConfirmationAccepts()
    {
        ResetCheckpointDialog dialog(kApplication, kShard, u"(none)"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const Ui ui = find(dialog);
        ui.kind->setCurrentIndex(TrimHorizon);

        ConfirmationAnswerer answerer(QMessageBox::Yes);
        QTest::mouseClick(ui.ok, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(answerer.seen(), 5000);
        QVERIFY(answerer.text().contains(u"TRIM_HORIZON"_s));
        QVERIFY(answerer.text().contains(u"(none)"_s));
        QVERIFY(answerer.text().contains(kShard));
        QVERIFY(answerer.text().contains(kApplication));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 5000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.target()->type, ShardPosition::Type::TrimHorizon);
    }

    void execReturnsAcceptedOnlyAfterYes()
    {
        // As MainWindow runs it: exec(), OK, then the confirmation.
        ResetCheckpointDialog dialog(kApplication, kShard, kOld);
        const Ui ui = find(dialog);
        ui.kind->setCurrentIndex(Sequence);
        ui.sequence->setText(kNew);
        bool clickedOk = false;
        ConfirmationAnswerer answerer(QMessageBox::Yes);
        QTimer clickOk;
        clickOk.setInterval(20);
        connect(&clickOk, &QTimer::timeout, &dialog, [&] {
            if (QApplication::activeModalWidget() == &dialog && !clickedOk) {
                clickedOk = true;
                ui.ok->click();
            }
        });
        clickOk.start();
        QTimer guard; // never hang: close the dialog if nothing happened in 10 s
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &dialog, [&] {
            if (QWidget *modal = QApplication::activeModalWidget(); modal && modal != &dialog)
                modal->close();
            dialog.reject();
        });
        guard.start(10000);
        QCOMPARE(dialog.exec(), int(QDialog::Accepted));
        QVERIFY(clickedOk);
        QVERIFY(answerer.seen());
        QCOMPARE(dialog.targetText(), kNew);
    }


    // A time: the first record at or after it comes next; what qmld lease reset --to takes.
    void aTimeIsAnAtTimestampTarget()
    {
        ResetCheckpointDialog dialog(kApplication, kShard, kOld);
        const Ui ui = find(dialog);
        auto *time = dialog.findChild<QDateTimeEdit *>(u"resetTime"_s);
        QVERIFY(time);
        QVERIFY(!time->isEnabled());
        ui.kind->setCurrentIndex(AtTimestamp);
        QVERIFY(time->isEnabled());
        time->setDateTime(QDateTime(QDate(2026, 12, 6), QTime(10, 30), Qt::UTC));
        QCOMPARE(dialog.targetText(), u"AT_TIMESTAMP:2026-12-06T10:30:00Z"_s);
        QCOMPARE(dialog.target()->type, ShardPosition::Type::AtTimestamp);
        QCOMPARE(dialog.target()->timestampMs, QDateTime(QDate(2026, 12, 6), QTime(10, 30), Qt::UTC).toMSecsSinceEpoch());
        QVERIFY(ui.ok->isEnabled());
    }

    // A lease a live worker holds is reset only by taking it from that worker, by name.
    void aLiveOwnerMustBeTakenFromByName()
    {
        ResetCheckpointDialog dialog(kApplication, kShard, kOld, u"worker-b"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const Ui ui = find(dialog);
        auto *force = dialog.findChild<QCheckBox *>(u"resetForce"_s);
        QVERIFY(force);
        QVERIFY(force->text().contains(u"worker-b"_s));
        QVERIFY(!ui.ok->isEnabled());
        QVERIFY2(ui.ok->toolTip().contains(u"worker-b"_s), qPrintable(ui.ok->toolTip())); // says why it is off
        QVERIFY(!dialog.force());

        force->setChecked(true);
        QVERIFY(ui.ok->isEnabled());
        QVERIFY(dialog.force());
        ConfirmationAnswerer answerer(QMessageBox::Yes);
        QTest::mouseClick(ui.ok, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(answerer.seen(), 5000);
        QVERIFY2(answerer.text().contains(u"worker-b"_s), qPrintable(answerer.text()));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 5000);
    }
};

QTEST_MAIN(TestResetCheckpointDialog)
#include "test_reset_checkpoint_dialog.moc"
