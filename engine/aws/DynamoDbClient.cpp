#include <qmld/aws/DynamoDbClient.h>

#include <memory>

namespace qmld::aws {

namespace {

CallOptions aboutTable(const QString &table)
{
    CallOptions options;
    options.resource = QStringLiteral("table %1").arg(table);
    return options;
}

// Adds the expression's placeholders to a request, merging with ones already there.
void addPlaceholders(QJsonObject &request, const Expression &expression)
{
    if (!expression.names.isEmpty()) {
        QJsonObject names = request.value(QLatin1StringView("ExpressionAttributeNames")).toObject();
        for (auto it = expression.names.begin(); it != expression.names.end(); ++it)
            names.insert(it.key(), it.value());
        request.insert(QStringLiteral("ExpressionAttributeNames"), names);
    }
    if (!expression.values.isEmpty()) {
        QJsonObject values = request.value(QLatin1StringView("ExpressionAttributeValues")).toObject();
        for (auto it = expression.values.begin(); it != expression.values.end(); ++it)
            values.insert(it.key(), it.value());
        request.insert(QStringLiteral("ExpressionAttributeValues"), values);
    }
}

} // namespace

DynamoDbClient::DynamoDbClient(AwsClient *client, QObject *parent) : QObject(parent), m_client(client) {}

void DynamoDbClient::describeTable(const QString &table, QObject *context, Callback<QJsonObject> done)
{
    m_client->callJson(QStringLiteral("DescribeTable"), {{QStringLiteral("TableName"), table}}, context,
                       [done](const AwsResponse &response) {
        done({response.json.value(QLatin1StringView("Table")).toObject(), response.error});
    }, aboutTable(table));
}

void DynamoDbClient::scan(const QString &table, QObject *context, Callback<QJsonArray> done)
{
    auto items = std::make_shared<QJsonArray>();
    auto page = std::make_shared<std::function<void(const QJsonObject &)>>();
    const int pageSize = m_pageSize;
    *page = [this, table, context, done, items, page, pageSize](const QJsonObject &startKey) {
        QJsonObject request{{QStringLiteral("TableName"), table}, {QStringLiteral("ConsistentRead"), true}};
        if (pageSize > 0)
            request.insert(QStringLiteral("Limit"), pageSize);
        if (!startKey.isEmpty())
            request.insert(QStringLiteral("ExclusiveStartKey"), startKey);
        m_client->callJson(QStringLiteral("Scan"), request, context, [done, items, page](const AwsResponse &response) {
            if (!response.ok()) {
                done({{}, response.error});
                *page = nullptr;
                return;
            }
            for (const QJsonValue &item : response.json.value(QLatin1StringView("Items")).toArray())
                items->append(item);
            const QJsonObject next = response.json.value(QLatin1StringView("LastEvaluatedKey")).toObject();
            if (!next.isEmpty()) {
                (*page)(next);
                return;
            }
            done({*items, {}});
            *page = nullptr;
        }, aboutTable(table));
    };
    (*page)({});
}

void DynamoDbClient::getItem(const QString &table, const QJsonObject &key, QObject *context, Callback<QJsonObject> done)
{
    const QJsonObject request{{QStringLiteral("TableName"), table}, {QStringLiteral("Key"), key},
                              {QStringLiteral("ConsistentRead"), true}};
    m_client->callJson(QStringLiteral("GetItem"), request, context, [done](const AwsResponse &response) {
        done({response.json.value(QLatin1StringView("Item")).toObject(), response.error});
    }, aboutTable(table));
}

void DynamoDbClient::deleteItem(const QString &table, const QJsonObject &key, const Expression &condition,
                                QObject *context, Callback<QJsonObject> done)
{
    QJsonObject request{{QStringLiteral("TableName"), table}, {QStringLiteral("Key"), key}};
    if (!condition.isEmpty()) {
        request.insert(QStringLiteral("ConditionExpression"), condition.expression);
        addPlaceholders(request, condition);
    }
    m_client->callJson(QStringLiteral("DeleteItem"), request, context, [done](const AwsResponse &response) {
        done({response.json, response.error});
    }, aboutTable(table));
}

void DynamoDbClient::putItem(const QString &table, const QJsonObject &item, const Expression &condition, QObject *context,
                             Callback<QJsonObject> done)
{
    QJsonObject request{{QStringLiteral("TableName"), table}, {QStringLiteral("Item"), item}};
    if (!condition.isEmpty()) {
        request.insert(QStringLiteral("ConditionExpression"), condition.expression);
        addPlaceholders(request, condition);
    }
    m_client->callJson(QStringLiteral("PutItem"), request, context, [done](const AwsResponse &response) {
        done({response.json, response.error});
    }, aboutTable(table));
}

void DynamoDbClient::updateItem(const QString &table, const QJsonObject &key, const Expression &update,
                                const Expression &condition, QObject *context, Callback<QJsonObject> done)
{
    QJsonObject request{{QStringLiteral("TableName"), table},
                        {QStringLiteral("Key"), key},
                        {QStringLiteral("UpdateExpression"), update.expression},
                        {QStringLiteral("ReturnValues"), QStringLiteral("ALL_NEW")}};
    addPlaceholders(request, update);
    if (!condition.isEmpty()) {
        request.insert(QStringLiteral("ConditionExpression"), condition.expression);
        addPlaceholders(request, condition);
    }
    m_client->callJson(QStringLiteral("UpdateItem"), request, context, [done](const AwsResponse &response) {
        done({response.json.value(QLatin1StringView("Attributes")).toObject(), response.error});
    }, aboutTable(table));
}

} // namespace qmld::aws
