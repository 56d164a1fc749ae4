#include "widgets/AttachApplicationDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qmld::ui {

AttachApplicationDialog::AttachApplicationDialog(const QString &defaultStorePath, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Attach KCL application"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Watch the leases of a KCL application that runs elsewhere: every worker's leases, "
                                "checkpoints and lag, live. Nothing runs here, and nothing is written unless you "
                                "reset a checkpoint."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_where = new QComboBox(this);
    m_where->setObjectName(u"attachWhere"_s);
    m_where->addItem(tr("Embedded store"));
    m_where->addItem(tr("AWS (DynamoDB and Kinesis)"));
    form->addRow(tr("Lease table in:"), m_where);
    m_table = new QLineEdit(this);
    m_table->setObjectName(u"attachTable"_s);
    m_table->setPlaceholderText(tr("the application's tableName, else its applicationName"));
    form->addRow(tr("Lease table:"), m_table);
    m_stream = new QLineEdit(this);
    m_stream->setObjectName(u"attachStream"_s);
    m_stream->setPlaceholderText(tr("optional: the stream, for each shard's lag"));
    form->addRow(tr("Stream:"), m_stream);
    layout->addLayout(form);

    m_pages = new QStackedWidget(this);
    auto *storePage = new QWidget(m_pages);
    auto *storeForm = new QFormLayout(storePage);
    m_store = new QLineEdit(defaultStorePath, storePage);
    m_store->setObjectName(u"attachStore"_s);
    storeForm->addRow(tr("Store file:"), m_store);
    m_pages->addWidget(storePage);
    auto *awsPage = new QWidget(m_pages);
    auto *awsForm = new QFormLayout(awsPage);
    m_profile = new QLineEdit(awsPage);
    m_profile->setObjectName(u"attachProfile"_s);
    m_profile->setPlaceholderText(tr("AWS_PROFILE, else default"));
    awsForm->addRow(tr("Profile:"), m_profile);
    m_region = new QLineEdit(awsPage);
    m_region->setObjectName(u"attachRegion"_s);
    m_region->setPlaceholderText(tr("AWS_REGION, else the profile's"));
    awsForm->addRow(tr("Region:"), m_region);
    m_endpoint = new QLineEdit(awsPage);
    m_endpoint->setObjectName(u"attachEndpoint"_s);
    m_endpoint->setPlaceholderText(tr("optional: http://localhost:4566 for a local emulator"));
    awsForm->addRow(tr("Endpoint:"), m_endpoint);
    m_pages->addWidget(awsPage);
    layout->addWidget(m_pages);

    m_error = new QLabel(this);
    m_error->setObjectName(u"attachError"_s);
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_where, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);
    for (QLineEdit *edit : {m_table, m_store, m_endpoint})
        connect(edit, &QLineEdit::textChanged, this, &AttachApplicationDialog::updateState);
    connect(m_where, &QComboBox::currentIndexChanged, this, &AttachApplicationDialog::updateState);
    updateState();
}

void AttachApplicationDialog::updateState()
{
    QString problem;
    const bool aws = m_where->currentIndex() == 1;
    const QUrl endpoint(m_endpoint->text().trimmed());
    if (m_table->text().trimmed().isEmpty())
        problem = tr("Name the lease table.");
    else if (!aws && m_store->text().trimmed().isEmpty())
        problem = tr("Name the store file.");
    else if (aws && !m_endpoint->text().trimmed().isEmpty() && (!endpoint.isValid() || endpoint.scheme().isEmpty()
                                                                || endpoint.host().isEmpty()))
        problem = tr("The endpoint is not a URL: %1").arg(m_endpoint->text().trimmed());
    m_error->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

LeaseSource AttachApplicationDialog::source() const
{
    LeaseSource source;
    source.tableName = m_table->text().trimmed();
    source.streamName = m_stream->text().trimmed();
    if (m_where->currentIndex() == 0) {
        source.storePath = m_store->text().trimmed();
        return source;
    }
    AwsLeaseLocation aws;
    aws.profile = m_profile->text().trimmed();
    aws.region = m_region->text().trimmed();
    aws.dynamoDbEndpoint = QUrl(m_endpoint->text().trimmed());
    aws.kinesisEndpoint = aws.dynamoDbEndpoint;
    source.aws = aws;
    return source;
}

QString AttachApplicationDialog::displayName() const
{
    return tr("%1 (attached)").arg(m_table->text().trimmed());
}

} // namespace qmld::ui
