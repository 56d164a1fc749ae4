#pragma once

#include <qmld/SequenceNumber.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qmld::ui {

// Where to move a shard's checkpoint in the lease table: TRIM_HORIZON,
// LATEST, AT_TIMESTAMP (the application's timestampAtInitialPositionInStream)
// or a sequence number. OK asks once more, naming application, shard, the old
// and the new value; only a yes there accepts the dialog.
class ResetCheckpointDialog : public QDialog
{
    Q_OBJECT
public:
    ResetCheckpointDialog(QString application, QString shardId, QString oldValue, QWidget *parent = nullptr);

    // The chosen value; nullopt while the sequence number does not parse.
    std::optional<SequenceNumber> target() const;
    static QString confirmationText(const QString &application, const QString &shardId, const QString &oldValue,
                                    const QString &newValue);

    void accept() override;

private:
    void updateState();

    QString m_application;
    QString m_shardId;
    QString m_oldValue;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_sequence = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qmld::ui
