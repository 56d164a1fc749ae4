#pragma once

#include <qmld/aws/AwsSettings.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace qmld::ui {

class AwsShardModel;
class AwsSource;
class AwsStreamModel;
class AwsTailPane;

// The console's AWS source: a profile (from the AWS config files), a region
// and an optional endpoint; the account's Kinesis streams; the shards of the
// stream opened; a tail of the shard picked, from any position. Every call
// is asynchronous (the engine's AWS client on QNetworkAccessManager); an
// error shows as one line naming the call, the stream and the region.
class AwsBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit AwsBrowser(QWidget *parent = nullptr);
    ~AwsBrowser() override;

    aws::AwsOptions options() const;
    void setOptions(const aws::AwsOptions &options);
    // Lists the streams with the options shown (and remembers them, never credentials).
    void refresh();
    // Shows the stream's shards.
    void openStream(const QString &name);
    // Tails a shard of the open stream from the position chosen in the tail pane
    // (once the shards are listed, if they are not yet); false if there is no such shard.
    bool tailShard(const QString &shardId);
    void stopTail();

    QString currentStream() const { return m_stream; }
    QString message() const;
    bool showsError() const { return m_error; }
    AwsStreamModel *streamModel() const { return m_streamModel; }
    AwsShardModel *shardModel() const { return m_shardModel; }
    AwsTailPane *tailPane() const { return m_tail; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showMessage(const QString &text, bool error);
    void describeStreams(const QStringList &names, int next);
    void updateStreamInfo();
    void selectProfile(const QString &profile);
    void showDefaults();

    AwsSource *m_source = nullptr;
    QString m_stream;
    QString m_pendingTail; // asked for before the shards were listed
    bool m_error = false;

    QComboBox *m_profile = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QPushButton *m_list = nullptr;
    QLabel *m_message = nullptr;
    AwsStreamModel *m_streamModel = nullptr;
    QTableView *m_streamView = nullptr;
    QLabel *m_streamInfo = nullptr;
    AwsShardModel *m_shardModel = nullptr;
    QTableView *m_shardView = nullptr;
    AwsTailPane *m_tail = nullptr;
};

} // namespace qmld::ui
