#pragma once

#include <qmld/LeaseSource.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace qmld::ui {

// Stream → Attach KCL application: a lease table to watch, in the embedded
// store or in DynamoDB (profile, region, optional endpoint; the credentials
// come from the AWS default chain, never from here), with the stream its
// leases are of, for their lag.
class AttachApplicationDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AttachApplicationDialog(const QString &defaultStorePath, QWidget *parent = nullptr);

    // What the console watches; the table name is never empty once accepted.
    LeaseSource source() const;
    // How the console lists it: "<table> (attached)".
    QString displayName() const;

private:
    void updateState();

    QComboBox *m_where = nullptr;
    QLineEdit *m_table = nullptr;
    QLineEdit *m_stream = nullptr;
    QLineEdit *m_store = nullptr;
    QLineEdit *m_profile = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace qmld::ui
