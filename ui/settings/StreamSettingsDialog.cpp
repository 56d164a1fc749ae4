#include "StreamSettingsDialog.h"

#include <qmld/DaemonPreset.h>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace qmld::ui {

namespace {

using Field = StreamSettings::Field;
using Mode = StreamSettings::CheckpointMode;

// The name a field's editor and error label carry ("maxRecords", "error_maxRecords").
QString fieldName(Field field)
{
    switch (field) {
    case Field::Name: return u"name"_s;
    case Field::ApplicationName: return u"applicationName"_s;
    case Field::StreamName: return u"streamName"_s;
    case Field::Region: return u"region"_s;
    case Field::InitialPosition: return u"initialPosition"_s;
    case Field::AtTimestamp: return u"atTimestamp"_s;
    case Field::MaxRecords: return u"maxRecords"_s;
    case Field::IdleTime: return u"idleTime"_s;
    case Field::FailoverTime: return u"failoverTime"_s;
    case Field::Daemon: return u"daemon"_s;
    case Field::JavaClasspath: return u"javaClasspath"_s;
    case Field::CredentialsProvider: return u"credentialsProvider"_s;
    case Field::WorkerId: return u"workerId"_s;
    case Field::StorePath: return u"storePath"_s;
    case Field::ProcessorPlugin: return u"processorPlugin"_s;
    case Field::CheckpointEvery: return u"checkpointEvery"_s;
    case Field::LagAlert: return u"lagAlert"_s;
    }
    return {};
}

bool isKclPreset(const QString &daemon)
{
    const auto preset = DaemonPreset::fromString(daemon);
    return preset && preset->kind() != DaemonPreset::Kind::Embedded && preset->kind() != DaemonPreset::Kind::Custom;
}

QSpinBox *numberEdit(const QString &suffix)
{
    auto *spin = new QSpinBox;
    // Zero is allowed in the editor so that a bad value gets a message, not a silent clamp.
    spin->setRange(0, std::numeric_limits<int>::max());
    spin->setSuffix(suffix);
    spin->setKeyboardTracking(true);
    return spin;
}

} // namespace

struct StreamSettingsDialog::Ui
{
    StreamSettings initial;
    QStringList takenNames;

    QLineEdit *name = nullptr;
    QLineEdit *applicationName = nullptr;
    QLineEdit *streamName = nullptr;
    QLineEdit *region = nullptr;
    QComboBox *initialPosition = nullptr;
    QDateTimeEdit *atTimestamp = nullptr;
    QSpinBox *maxRecords = nullptr;
    QSpinBox *idleTime = nullptr;
    QSpinBox *failoverTime = nullptr;
    QComboBox *daemon = nullptr;
    QLineEdit *javaClasspath = nullptr;
    QLineEdit *credentialsProvider = nullptr;
    QLineEdit *workerId = nullptr;
    QLineEdit *storePath = nullptr;
    QLineEdit *processorPlugin = nullptr;
    QLineEdit *processorArgument = nullptr;
    QComboBox *checkpointMode = nullptr;
    QSpinBox *checkpointEvery = nullptr;
    QSpinBox *lagAlert = nullptr;

    QMap<Field, QLabel *> errors;
    QLabel *fileMessage = nullptr;
    QDialogButtonBox *buttons = nullptr;
};

StreamSettingsDialog::StreamSettingsDialog(const StreamSettings &initial, QStringList takenNames, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui>())
{
    setWindowTitle(tr("Stream settings"));
    Ui &ui = *m_ui;
    ui.initial = initial;
    ui.takenNames = std::move(takenNames);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    // Adds a row: the editor, and under it a red label for its error.
    const auto addRow = [&](const QString &label, Field field, QWidget *editor, const QString &tip,
                            QWidget *extra = nullptr) {
        editor->setObjectName(fieldName(field));
        editor->setToolTip(tip);
        auto *error = new QLabel;
        error->setObjectName(u"error_"_s + fieldName(field));
        error->setStyleSheet(u"color: #d32f2f;"_s);
        error->setWordWrap(true);
        error->setVisible(false);
        ui.errors.insert(field, error);

        auto *cell = new QWidget;
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        auto *line = new QHBoxLayout;
        line->addWidget(editor, 1);
        if (extra)
            line->addWidget(extra);
        column->addLayout(line);
        column->addWidget(error);
        form->addRow(label, cell);
    };

    ui.name = new QLineEdit;
    addRow(tr("&Name:"), Field::Name, ui.name, tr("The console's own name for this stream; not sent to the daemon."));
    ui.applicationName = new QLineEdit;
    addRow(tr("&Application name:"), Field::ApplicationName, ui.applicationName,
           tr("applicationName: the KCL application; it names the lease table that workers share."));
    ui.streamName = new QLineEdit;
    addRow(tr("&Stream:"), Field::StreamName, ui.streamName,
           tr("streamName (or streamArn when an ARN is given): the Kinesis or DynamoDB stream to read."));
    ui.region = new QLineEdit;
    ui.region->setPlaceholderText(tr("for example us-east-1"));
    addRow(tr("&Region:"), Field::Region, ui.region,
           tr("regionName: the AWS region of the stream; not needed by the embedded daemon."));

    ui.initialPosition = new QComboBox;
    ui.initialPosition->addItems({u"TRIM_HORIZON"_s, u"LATEST"_s, u"AT_TIMESTAMP"_s});
    addRow(tr("&Initial position:"), Field::InitialPosition, ui.initialPosition,
           tr("initialPositionInStream: where a shard without a checkpoint starts: the oldest record, "
              "the newest, or a point in time."));
    ui.atTimestamp = new QDateTimeEdit;
    ui.atTimestamp->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    ui.atTimestamp->setCalendarPopup(true);
    addRow(tr("&Timestamp:"), Field::AtTimestamp, ui.atTimestamp,
           tr("initialPositionInStreamExtended and timestampAtInitialPositionInStream: the start time for "
              "AT_TIMESTAMP, written as epoch seconds."));

    ui.maxRecords = numberEdit({});
    addRow(tr("&Max records:"), Field::MaxRecords, ui.maxRecords,
           tr("maxRecords: the most records one processRecords call delivers (1 to 10000)."));
    ui.idleTime = numberEdit(tr(" ms"));
    addRow(tr("I&dle time between reads:"), Field::IdleTime, ui.idleTime,
           tr("idleTimeBetweenReadsInMillis: how long a shard consumer waits between two reads."));
    ui.failoverTime = numberEdit(tr(" ms"));
    addRow(tr("&Failover time:"), Field::FailoverTime, ui.failoverTime,
           tr("failoverTimeMillis: how long a lease may go unrenewed before another worker takes it."));

    ui.daemon = new QComboBox;
    ui.daemon->setEditable(true);
    ui.daemon->addItems(DaemonPreset::presetNames());
    ui.daemon->setInsertPolicy(QComboBox::NoInsert);
    addRow(tr("Dae&mon:"), Field::Daemon, ui.daemon,
           tr("The MultiLangDaemon to run: the embedded qmld-daemon, a KCL preset (needs Java), or a "
              "command of your own containing {properties}."));
    ui.javaClasspath = new QLineEdit;
    ui.javaClasspath->setPlaceholderText(tr("empty: $QMLD_JAVA_CLASSPATH"));
    addRow(tr("&Java classpath:"), Field::JavaClasspath, ui.javaClasspath,
           tr("The classpath (jar files, ':'-separated) of the KCL MultiLangDaemon; KCL presets only."));
    ui.credentialsProvider = new QLineEdit;
    addRow(tr("&Credentials provider:"), Field::CredentialsProvider, ui.credentialsProvider,
           tr("AWSCredentialsProvider: the AWS SDK class the KCL gets credentials from."));
    ui.workerId = new QLineEdit;
    ui.workerId->setPlaceholderText(tr("empty: chosen by the daemon"));
    addRow(tr("&Worker id:"), Field::WorkerId, ui.workerId,
           tr("workerId: this worker's name in the lease table (leaseOwner); unique per worker."));

    ui.storePath = new QLineEdit;
    ui.storePath->setPlaceholderText(tr("empty: the default store"));
    auto *browse = new QPushButton(tr("Browse…"));
    browse->setToolTip(tr("Choose the embedded store file."));
    addRow(tr("S&tore:"), Field::StorePath, ui.storePath,
           tr("qmldStore: the embedded daemon's SQLite store holding streams and leases."), browse);

    ui.processorPlugin = new QLineEdit;
    ui.processorPlugin->setPlaceholderText(tr("empty: the console's inspector only"));
    auto *browsePlugin = new QPushButton(tr("Browse…"));
    browsePlugin->setToolTip(tr("Choose a processor plugin (a .so built against qmld)."));
    addRow(tr("&Processor plugin:"), Field::ProcessorPlugin, ui.processorPlugin,
           tr("Your own RecordProcessor as a Qt plugin: it processes every shard next to the console's previews; "
              "if it throws, only its shard fails."),
           browsePlugin);
    ui.processorArgument = new QLineEdit;
    ui.processorArgument->setObjectName(u"processorArgument"_s);
    ui.processorArgument->setToolTip(tr("The plugin's argument (its meaning is the plugin's)."));
    form->addRow(tr("Plugin ar&gument:"), ui.processorArgument);
    connect(browsePlugin, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Processor plugin"), m_ui->processorPlugin->text(),
                                                          tr("Plugins (*.so);;All files (*)"));
        if (!path.isEmpty())
            m_ui->processorPlugin->setText(path);
    });

    ui.checkpointMode = new QComboBox;
    ui.checkpointMode->addItem(tr("Off (by hand only)"), int(Mode::Off));
    ui.checkpointMode->addItem(tr("Every N records"), int(Mode::EveryRecords));
    ui.checkpointMode->addItem(tr("Every N seconds"), int(Mode::EverySeconds));
    ui.checkpointMode->setObjectName(u"checkpointMode"_s);
    ui.checkpointMode->setToolTip(tr("When the console's worker checkpoints on its own."));
    ui.checkpointEvery = numberEdit({});
    addRow(tr("C&heckpoint:"), Field::CheckpointEvery, ui.checkpointEvery,
           tr("N: records or seconds between automatic checkpoints."), ui.checkpointMode);
    ui.lagAlert = numberEdit({});
    ui.lagAlert->setSuffix(tr(" s"));
    ui.lagAlert->setSpecialValueText(tr("off"));
    addRow(tr("&Lag alert:"), Field::LagAlert, ui.lagAlert,
           tr("A shard at least this far behind the tip of the stream is marked in the shard table and the stream "
              "list, and raises one desktop notification each time it crosses the threshold; 0 is off."));

    ui.fileMessage = new QLabel;
    ui.fileMessage->setObjectName(u"fileMessage"_s);
    ui.fileMessage->setWordWrap(true);
    ui.fileMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ui.fileMessage->setVisible(false);

    ui.buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *importButton = ui.buttons->addButton(tr("&Import…"), QDialogButtonBox::ActionRole);
    importButton->setToolTip(tr("Read the settings from a KCL .properties file."));
    QPushButton *exportButton = ui.buttons->addButton(tr("&Export…"), QDialogButtonBox::ActionRole);
    exportButton->setToolTip(tr("Write these settings as a KCL .properties file."));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(ui.fileMessage);
    layout->addWidget(ui.buttons);

    load(initial);

    connect(ui.buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(ui.buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(importButton, &QPushButton::clicked, this, &StreamSettingsDialog::importFile);
    connect(exportButton, &QPushButton::clicked, this, &StreamSettingsDialog::exportFile);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Embedded store"), m_ui->storePath->text(),
                                                          tr("SQLite store (*.sqlite *.db);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_ui->storePath->setText(path);
    });

    for (QLineEdit *edit : {ui.name, ui.applicationName, ui.streamName, ui.region, ui.javaClasspath,
                            ui.credentialsProvider, ui.workerId, ui.storePath, ui.processorPlugin})
        connect(edit, &QLineEdit::textChanged, this, &StreamSettingsDialog::revalidate);
    for (QSpinBox *spin : {ui.maxRecords, ui.idleTime, ui.failoverTime, ui.checkpointEvery, ui.lagAlert})
        connect(spin, &QSpinBox::valueChanged, this, &StreamSettingsDialog::revalidate);
    for (QComboBox *combo : {ui.initialPosition, ui.daemon, ui.checkpointMode})
        connect(combo, &QComboBox::currentTextChanged, this, &StreamSettingsDialog::revalidate);
    connect(ui.atTimestamp, &QDateTimeEdit::dateTimeChanged, this, &StreamSettingsDialog::revalidate);

    revalidate();
}

StreamSettingsDialog::~StreamSettingsDialog() = default;

void StreamSettingsDialog::load(const StreamSettings &s)
{
    Ui &ui = *m_ui;
    ui.name->setText(s.name);
    ui.applicationName->setText(s.applicationName);
    ui.streamName->setText(s.streamName);
    ui.region->setText(s.region);
    if (ui.initialPosition->findText(s.initialPosition) < 0)
        ui.initialPosition->addItem(s.initialPosition); // shown, and reported as invalid
    ui.initialPosition->setCurrentText(s.initialPosition);
    ui.atTimestamp->setDateTime(s.atTimestampMs > 0 ? QDateTime::fromMSecsSinceEpoch(s.atTimestampMs)
                                                    : QDateTime::currentDateTime());
    ui.maxRecords->setValue(s.maxRecords);
    ui.idleTime->setValue(s.idleTimeBetweenReadsMillis);
    ui.failoverTime->setValue(s.failoverTimeMillis);
    ui.daemon->setCurrentText(s.daemon);
    ui.javaClasspath->setText(s.javaClasspath);
    ui.credentialsProvider->setText(s.credentialsProvider);
    ui.workerId->setText(s.workerId);
    ui.storePath->setText(s.storePath);
    ui.processorPlugin->setText(s.processorPlugin);
    ui.processorArgument->setText(s.processorArgument);
    ui.checkpointMode->setCurrentIndex(ui.checkpointMode->findData(int(s.checkpointMode)));
    ui.checkpointEvery->setValue(s.checkpointEvery);
    ui.lagAlert->setValue(s.lagAlertSeconds);
}

StreamSettings StreamSettingsDialog::settings() const
{
    const Ui &ui = *m_ui;
    StreamSettings s = ui.initial;
    s.name = ui.name->text().trimmed();
    s.applicationName = ui.applicationName->text().trimmed();
    s.streamName = ui.streamName->text().trimmed();
    s.region = ui.region->text().trimmed();
    s.initialPosition = ui.initialPosition->currentText();
    if (s.initialPosition == u"AT_TIMESTAMP"_s)
        s.atTimestampMs = ui.atTimestamp->dateTime().toMSecsSinceEpoch();
    s.maxRecords = ui.maxRecords->value();
    s.idleTimeBetweenReadsMillis = ui.idleTime->value();
    s.failoverTimeMillis = ui.failoverTime->value();
    s.daemon = ui.daemon->currentText().trimmed();
    s.javaClasspath = ui.javaClasspath->text().trimmed();
    s.credentialsProvider = ui.credentialsProvider->text().trimmed();
    s.workerId = ui.workerId->text();
    s.storePath = ui.storePath->text().trimmed();
    s.processorPlugin = ui.processorPlugin->text().trimmed();
    s.processorArgument = ui.processorArgument->text();
    s.checkpointMode = Mode(ui.checkpointMode->currentData().toInt());
    s.checkpointEvery = ui.checkpointEvery->value();
    s.lagAlertSeconds = ui.lagAlert->value();
    return s;
}

void StreamSettingsDialog::revalidate()
{
    Ui &ui = *m_ui;
    const StreamSettings s = settings();
    ui.atTimestamp->setEnabled(s.initialPosition == u"AT_TIMESTAMP"_s);
    ui.javaClasspath->setEnabled(isKclPreset(s.daemon));
    ui.checkpointEvery->setEnabled(s.checkpointMode != Mode::Off);
    ui.checkpointEvery->setSuffix(s.checkpointMode == Mode::EveryRecords ? tr(" records") : tr(" s"));

    const QMap<Field, QString> errors = s.validate(ui.takenNames);
    for (auto it = ui.errors.cbegin(); it != ui.errors.cend(); ++it) {
        const QString message = errors.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
    ui.buttons->button(QDialogButtonBox::Ok)->setEnabled(errors.isEmpty());
}

void StreamSettingsDialog::showFileMessage(const QString &message, bool isError)
{
    m_ui->fileMessage->setText(message);
    m_ui->fileMessage->setStyleSheet(isError ? u"color: #d32f2f;"_s : QString());
    m_ui->fileMessage->setVisible(!message.isEmpty());
}

void StreamSettingsDialog::importFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import KCL properties"), {},
                                                      tr("Properties files (*.properties);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path);
}

bool StreamSettingsDialog::importFrom(const QString &path)
{
    QString error;
    const auto properties = JavaProperties::load(path, &error);
    auto imported = properties ? StreamSettings::fromProperties(*properties, &error) : std::nullopt;
    if (!imported) {
        showFileMessage(error, true);
        return false;
    }
    if (imported->name.isEmpty())
        imported->name = m_ui->name->text();
    load(*imported);
    showFileMessage(tr("Imported %1.").arg(QFileInfo(path).fileName()), false);
    return true;
}

void StreamSettingsDialog::exportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export KCL properties"),
                                                      settings().name + u".properties"_s,
                                                      tr("Properties files (*.properties);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

bool StreamSettingsDialog::exportTo(const QString &path)
{
    QString error;
    const bool saved = settings().toProperties().save(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error,
                                                      tr("Exported by qmld-console"));
    showFileMessage(saved ? tr("Exported to %1.").arg(path) : error, !saved);
    return saved;
}

} // namespace qmld::ui
