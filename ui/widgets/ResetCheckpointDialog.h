#pragma once

#include <qmld/StreamStore.h>

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qmld::ui {

// Where to move a shard's checkpoint in the lease table: TRIM_HORIZON,
// LATEST, a time (the first record at or after it comes next) or a sequence
// number. A lease a live worker holds can be reset only by ticking "take it
// from" that worker. OK asks once more, naming application, shard, the old
// and the new value (and the owner); only a yes there accepts the dialog.
class ResetCheckpointDialog : public QDialog
{
    Q_OBJECT
public:
    // `liveOwner`: the worker that holds the lease and is alive, if one does.
    ResetCheckpointDialog(QString application, QString shardId, QString oldValue,
                          std::optional<QString> liveOwner = std::nullopt, QWidget *parent = nullptr);

    // The choice as qmld lease reset --to takes it: TRIM_HORIZON, LATEST,
    // AT_TIMESTAMP:<ISO 8601 UTC> or the sequence number typed.
    QString targetText() const;
    // The choice; nullopt while the sequence number does not parse.
    std::optional<ShardPosition> target() const;
    // Take the lease from its live owner.
    bool force() const;

    static QString confirmationText(const QString &application, const QString &shardId, const QString &oldValue,
                                    const QString &newValue, const std::optional<QString> &liveOwner = std::nullopt);

    void accept() override;

private:
    void updateState();

    QString m_application;
    QString m_shardId;
    QString m_oldValue;
    std::optional<QString> m_liveOwner;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_sequence = nullptr;
    QDateTimeEdit *m_time = nullptr;
    QCheckBox *m_force = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qmld::ui
