#include "AttachedApplications.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace qmld::ui {

QList<AttachedApplication> loadAttachedApplications(QSettings &settings)
{
    QList<AttachedApplication> applications;
    const int count = settings.beginReadArray(u"attached"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        AttachedApplication application;
        application.name = settings.value(u"name"_s).toString();
        LeaseSource &source = application.source;
        source.tableName = settings.value(u"table"_s).toString();
        source.streamName = settings.value(u"stream"_s).toString();
        source.failoverTime = std::chrono::milliseconds(settings.value(u"failoverTimeMillis"_s, 10000).toLongLong());
        if (settings.value(u"inDynamoDb"_s).toBool()) {
            AwsLeaseLocation aws;
            aws.profile = settings.value(u"awsProfile"_s).toString();
            aws.region = settings.value(u"awsRegion"_s).toString();
            aws.dynamoDbEndpoint = QUrl(settings.value(u"dynamoDbEndpoint"_s).toString());
            aws.kinesisEndpoint = QUrl(settings.value(u"kinesisEndpoint"_s).toString());
            source.aws = aws;
        } else {
            source.storePath = settings.value(u"store"_s).toString();
        }
        if (!application.name.isEmpty() && !source.tableName.isEmpty())
            applications << application;
    }
    settings.endArray();
    return applications;
}

void saveAttachedApplications(QSettings &settings, const QList<AttachedApplication> &applications)
{
    settings.remove(u"attached"_s);
    settings.beginWriteArray(u"attached"_s, int(applications.size()));
    for (int i = 0; i < applications.size(); ++i) {
        settings.setArrayIndex(i);
        const AttachedApplication &application = applications[i];
        const LeaseSource &source = application.source;
        settings.setValue(u"name"_s, application.name);
        settings.setValue(u"table"_s, source.tableName);
        settings.setValue(u"stream"_s, source.streamName);
        settings.setValue(u"failoverTimeMillis"_s, qlonglong(source.failoverTime.count()));
        settings.setValue(u"inDynamoDb"_s, source.inDynamoDb());
        if (source.aws) {
            settings.setValue(u"awsProfile"_s, source.aws->profile);
            settings.setValue(u"awsRegion"_s, source.aws->region);
            settings.setValue(u"dynamoDbEndpoint"_s, source.aws->dynamoDbEndpoint.toString());
            settings.setValue(u"kinesisEndpoint"_s, source.aws->kinesisEndpoint.toString());
        } else {
            settings.setValue(u"store"_s, source.storePath);
        }
    }
    settings.endArray();
}

} // namespace qmld::ui
