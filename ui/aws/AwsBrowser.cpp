#include "aws/AwsBrowser.h"

#include "aws/AwsShardModel.h"
#include "aws/AwsSource.h"
#include "aws/AwsStreamModel.h"
#include "aws/AwsTailPane.h"
#include "widgets/ConsoleTable.h"

#include <qmld/aws/KinesisClient.h>

#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qmld::ui {

namespace {
QTableView *makeTable(QWidget *parent, const QString &name, QAbstractItemModel *model)
{
    QTableView *view = makeConsoleTable(parent, name);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    return view;
}
} // namespace

AwsBrowser::AwsBrowser(QWidget *parent) : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("AWS streams — qmld console"));
    m_profile = new QComboBox(this);
    m_profile->setObjectName(u"awsProfile"_s);
    m_profile->addItem(tr("(default: AWS_PROFILE, environment keys, instance role)"), QString());
    for (const QString &profile : AwsSource::profiles())
        m_profile->addItem(profile, profile);
    m_region = new QLineEdit(this);
    m_region->setObjectName(u"awsRegion"_s);
    m_endpoint = new QLineEdit(this);
    m_endpoint->setObjectName(u"awsEndpoint"_s);
    m_endpoint->setClearButtonEnabled(true);
    m_list = new QPushButton(tr("&List streams"), this);
    m_list->setObjectName(u"awsList"_s);
    m_list->setDefault(true);
    connect(m_profile, &QComboBox::currentIndexChanged, this, &AwsBrowser::showDefaults);
    connect(m_region, &QLineEdit::editingFinished, this, &AwsBrowser::showDefaults);
    connect(m_list, &QPushButton::clicked, this, &AwsBrowser::refresh);
    connect(m_region, &QLineEdit::returnPressed, this, &AwsBrowser::refresh);
    connect(m_endpoint, &QLineEdit::returnPressed, this, &AwsBrowser::refresh);

    m_message = new QLabel(this);
    m_message->setObjectName(u"awsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_streamModel = new AwsStreamModel(this);
    m_streamView = makeTable(this, u"awsStreams"_s, m_streamModel);
    m_streamView->setColumnWidth(AwsStreamModel::Name, 160);
    for (int column : {AwsStreamModel::Status, AwsStreamModel::OpenShards, AwsStreamModel::Retention})
        m_streamView->resizeColumnToContents(column);
    connect(m_streamView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && m_streamModel->name(current.row()) != m_stream)
                    openStream(m_streamModel->name(current.row()));
            });

    m_streamInfo = new QLabel(tr("Open a stream to see its shards."), this);
    m_streamInfo->setObjectName(u"awsStreamInfo"_s);
    m_shardModel = new AwsShardModel(this);
    m_shardView = makeTable(this, u"awsShards"_s, m_shardModel);
    m_shardView->setColumnWidth(AwsShardModel::ShardId, 170);
    m_tail = new AwsTailPane(this);
    connect(m_shardView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_tail->setShard(m_source ? m_source->tailKinesis() : nullptr, m_stream, m_shardModel->shard(current.row()));
    });
    connect(m_shardView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        tailShard(m_shardModel->shard(index.row())["ShardId"_L1].toString());
    });

    auto *source = new QHBoxLayout;
    auto *profileLabel = new QLabel(tr("&Profile"), this);
    profileLabel->setBuddy(m_profile);
    source->addWidget(profileLabel);
    source->addWidget(m_profile, 2);
    auto *regionLabel = new QLabel(tr("&Region"), this);
    regionLabel->setBuddy(m_region);
    source->addWidget(regionLabel);
    source->addWidget(m_region, 1);
    auto *endpointLabel = new QLabel(tr("&Endpoint"), this);
    endpointLabel->setBuddy(m_endpoint);
    source->addWidget(endpointLabel);
    source->addWidget(m_endpoint, 2);
    source->addWidget(m_list);

    auto *shardsPane = new QWidget(this);
    auto *shardsLayout = new QVBoxLayout(shardsPane);
    shardsLayout->setContentsMargins(0, 0, 0, 0);
    shardsLayout->addWidget(m_streamInfo);
    shardsLayout->addWidget(m_shardView, 1);
    // Streams and shards above, the tail below across the whole width (records and their preview need it).
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_streamView);
    top->addWidget(shardsPane);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 2);
    top->setSizes({420, 860});
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(top);
    main->addWidget(m_tail);
    main->setStretchFactor(0, 2);
    main->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(source);
    layout->addWidget(m_message);
    layout->addWidget(main, 1);

    setOptions(AwsSource::saved());
    showMessage(tr("Choose a profile and region, then List streams."), false);
    resize(1280, 800);
}

AwsBrowser::~AwsBrowser()
{
    stopTail();
}

aws::AwsOptions AwsBrowser::options() const
{
    aws::AwsOptions options;
    options.profile = m_profile->currentData().toString();
    options.region = m_region->text().trimmed();
    options.endpointUrl = QUrl(m_endpoint->text().trimmed());
    return options;
}

void AwsBrowser::setOptions(const aws::AwsOptions &options)
{
    m_region->setText(options.region);
    m_endpoint->setText(options.endpointUrl.toString());
    selectProfile(options.profile);
}

void AwsBrowser::selectProfile(const QString &profile)
{
    int index = m_profile->findData(profile);
    if (index < 0) { // saved, but gone from the files: AwsSettings says so when listing
        m_profile->addItem(profile, profile);
        index = m_profile->count() - 1;
    }
    m_profile->setCurrentIndex(index);
    showDefaults(); // also when the index stayed
}

// The placeholders say what an empty field means for this profile.
void AwsBrowser::showDefaults()
{
    const QString profile = m_profile->currentData().toString();
    const QString region = AwsSource::defaultRegion(profile);
    m_region->setPlaceholderText(region.isEmpty() ? tr("required: no region in the profile or environment")
                                                  : tr("%1 (from the profile or environment)").arg(region));
    const QString endpoint = AwsSource::defaultEndpoint(profile, m_region->text().trimmed());
    m_endpoint->setPlaceholderText(endpoint.isEmpty() ? tr("optional: a Kinesis endpoint URL, e.g. of a local emulator")
                                                      : tr("%1 (optional: another endpoint URL)").arg(endpoint));
}

void AwsBrowser::refresh()
{
    m_tail->stopTail();
    m_tail->setShard(nullptr, {}, {});
    m_streamModel->clear();
    m_shardModel->clear();
    m_stream.clear();
    m_pendingTail.clear();
    updateStreamInfo();
    delete m_source;
    m_source = nullptr;

    const aws::AwsOptions chosen = options();
    if (!chosen.endpointUrl.isEmpty() && (!chosen.endpointUrl.isValid() || chosen.endpointUrl.host().isEmpty())) {
        showMessage(tr("The endpoint %1 is not a URL like https://kinesis.eu-west-1.amazonaws.com").arg(m_endpoint->text()), true);
        return;
    }
    AwsSource::save(chosen);
    QString error;
    m_source = AwsSource::open(chosen, this, &error);
    if (!m_source) {
        showMessage(error.simplified(), true);
        return;
    }
    showMessage(tr("Listing the streams in %1 (%2)…").arg(m_source->region(), m_source->endpoint()), false);
    AwsSource *source = m_source;
    m_source->kinesis()->listStreams(m_source, [this, source](const aws::AwsResult<QJsonObject> &listed) {
        if (source != m_source)
            return;
        if (!listed.ok()) {
            showMessage(listed.error.text().simplified(), true);
            return;
        }
        m_streamModel->setStreams(listed.value);
        m_streamView->resizeColumnToContents(AwsStreamModel::Name);
        showMessage(tr("%1 streams in %2 (%3)")
                        .arg(m_streamModel->rowCount())
                        .arg(source->region(), source->endpoint()),
                    false);
        if (const int open = m_streamModel->rowOf(m_stream); open >= 0)
            m_streamView->setCurrentIndex(m_streamModel->index(open, 0));
        QStringList names;
        for (int row = 0; row < m_streamModel->rowCount(); ++row)
            names << m_streamModel->name(row);
        describeStreams(names, 0);
    });
}

// One DescribeStreamSummary at a time: its limit (20 a second per account) is shared with everyone else's.
void AwsBrowser::describeStreams(const QStringList &names, int next)
{
    if (next >= names.size())
        return;
    AwsSource *source = m_source;
    source->kinesis()->describeStreamSummary(names[next], source, [this, source, names, next](const aws::AwsResult<QJsonObject> &summary) {
        if (source != m_source)
            return;
        if (summary.ok()) {
            m_streamModel->setSummary(summary.value);
            m_streamView->resizeColumnToContents(AwsStreamModel::Status);
        }
        else if (summary.error.kind != aws::AwsError::Kind::NotFound) // deleted meanwhile: not worth a message
            showMessage(summary.error.text().simplified(), true);
        if (names[next] == m_stream)
            updateStreamInfo();
        describeStreams(names, next + 1);
    });
}

void AwsBrowser::openStream(const QString &name)
{
    if (!m_source || name.isEmpty())
        return;
    m_stream = name;
    m_pendingTail.clear();
    m_shardModel->clear();
    m_tail->setShard(nullptr, {}, {});
    updateStreamInfo();
    const int row = m_streamModel->rowOf(name);
    if (row >= 0 && m_streamView->currentIndex().row() != row)
        m_streamView->setCurrentIndex(m_streamModel->index(row, 0));
    AwsSource *source = m_source;
    source->kinesis()->listShards(name, source, [this, source, name](const aws::AwsResult<QJsonArray> &shards) {
        if (source != m_source || name != m_stream)
            return;
        if (!shards.ok()) {
            showMessage(shards.error.text().simplified(), true);
            return;
        }
        m_shardModel->setShards(shards.value);
        for (int column : {AwsShardModel::ShardId, AwsShardModel::State, AwsShardModel::Parent, AwsShardModel::AdjacentParent})
            m_shardView->resizeColumnToContents(column);
        // Keys and sequence numbers are long (their tooltips hold them whole); no column narrower than its title.
        QHeaderView *header = m_shardView->horizontalHeader();
        for (int column = 0; column < header->count(); ++column)
            m_shardView->setColumnWidth(column, std::max(m_shardView->columnWidth(column), header->sectionSizeHint(column)));
        updateStreamInfo();
        if (!m_pendingTail.isEmpty())
            tailShard(std::exchange(m_pendingTail, QString()));
        else if (m_shardModel->rowCount() > 0 && !m_shardView->currentIndex().isValid())
            m_shardView->setCurrentIndex(m_shardModel->index(0, 0));
    });
    // Fresh figures for the stream opened (it may have been resharded since the list).
    source->kinesis()->describeStreamSummary(name, source, [this, source](const aws::AwsResult<QJsonObject> &summary) {
        if (source != m_source)
            return;
        if (!summary.ok()) {
            showMessage(summary.error.text().simplified(), true);
            return;
        }
        m_streamModel->setSummary(summary.value);
        updateStreamInfo();
    });
}

bool AwsBrowser::tailShard(const QString &shardId)
{
    const int row = m_shardModel->rowOf(shardId);
    if (m_source && row < 0 && m_shardModel->rowCount() == 0 && !m_stream.isEmpty()) {
        m_pendingTail = shardId;
        return true;
    }
    if (!m_source || row < 0) {
        if (m_source && !m_stream.isEmpty())
            showMessage(tr("Stream %1 in %2 has no shard %3").arg(m_stream, m_source->region(), shardId), true);
        return false;
    }
    m_shardView->setCurrentIndex(m_shardModel->index(row, 0));
    m_tail->setShard(m_source->tailKinesis(), m_stream, m_shardModel->shard(row));
    return m_tail->startTail();
}

void AwsBrowser::stopTail()
{
    m_tail->stopTail();
}

QString AwsBrowser::message() const
{
    return m_message->text();
}

void AwsBrowser::showMessage(const QString &text, bool error)
{
    m_error = error;
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #c62828;"_s : QString());
}

void AwsBrowser::updateStreamInfo()
{
    if (m_stream.isEmpty()) {
        m_streamInfo->setText(tr("Open a stream to see its shards."));
        return;
    }
    const QJsonObject summary = m_streamModel->summary(m_streamModel->rowOf(m_stream));
    QString text = tr("Stream %1 in %2").arg(m_stream, m_source ? m_source->region() : QString());
    if (!summary.isEmpty())
        text += tr(": %1, retention %2 h, %3 open shards")
                    .arg(summary["StreamStatus"_L1].toString())
                    .arg(summary["RetentionPeriodHours"_L1].toInt())
                    .arg(summary["OpenShardCount"_L1].toInt());
    if (m_shardModel->rowCount() > 0) {
        int closed = 0;
        for (int row = 0; row < m_shardModel->rowCount(); ++row)
            closed += m_shardModel->isClosed(row) ? 1 : 0;
        text += tr("; %1 shards listed, %2 closed").arg(m_shardModel->rowCount()).arg(closed);
    }
    m_streamInfo->setText(text);
}

void AwsBrowser::closeEvent(QCloseEvent *event)
{
    stopTail(); // no GetRecords for a tail nobody sees
    QWidget::closeEvent(event);
}

} // namespace qmld::ui
