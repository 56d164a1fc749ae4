#pragma once

// The DynamoDB calls a lease table needs, typed, on AwsClient: DescribeTable,
// Scan over every page with consistent reads, PutItem and UpdateItem with
// conditions. Items are in DynamoDB's JSON ({"leaseKey": {"S": "…"}}), so
// every attribute, known or not, is kept as it is.

#include <qmld/aws/KinesisClient.h> // AwsResult, Callback

#include <QJsonArray>
#include <QJsonObject>

namespace qmld::aws {

// A condition or update expression with its placeholders.
struct Expression
{
    QString expression;       // "leaseCounter = :counter AND leaseOwner = :owner"
    QJsonObject names;        // {"#o": "leaseOwner"}
    QJsonObject values;       // {":counter": {"N": "7"}}
    bool isEmpty() const { return expression.isEmpty(); }
};

class DynamoDbClient : public QObject
{
    Q_OBJECT

public:
    explicit DynamoDbClient(AwsClient *client, QObject *parent = nullptr);
    AwsClient *client() const { return m_client; }
    void setPageSize(int size) { m_pageSize = size; } // 0: DynamoDB's own (1 MB pages)

    // The "Table" object.
    void describeTable(const QString &table, QObject *context, Callback<QJsonObject> done);
    // Every item, over every page, read consistently (a lease table is small and must be current).
    void scan(const QString &table, QObject *context, Callback<QJsonArray> done);
    // The item (consistent read); an empty object when there is none.
    void getItem(const QString &table, const QJsonObject &key, QObject *context, Callback<QJsonObject> done);
    // A failed condition is AwsError::Kind::ConditionFailed.
    void putItem(const QString &table, const QJsonObject &item, const Expression &condition, QObject *context,
                 Callback<QJsonObject> done);
    void deleteItem(const QString &table, const QJsonObject &key, const Expression &condition, QObject *context,
                    Callback<QJsonObject> done);
    // The item's attributes after the update (ReturnValues ALL_NEW).
    void updateItem(const QString &table, const QJsonObject &key, const Expression &update, const Expression &condition,
                    QObject *context, Callback<QJsonObject> done);

private:
    AwsClient *m_client;
    int m_pageSize = 0;
};

} // namespace qmld::aws
