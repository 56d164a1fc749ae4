#pragma once

#include <qmld/StreamStore.h>

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QSqlError;

namespace qmld::store {

// One SQLite connection to a store file: WAL, a busy timeout, the schema,
// prepared statements, and SQLite errors turned into one-line StoreErrors.
class StoreConnection
{
public:
    static StoreResult<std::unique_ptr<StoreConnection>> open(const QString &path, StreamStore::OpenMode mode,
                                                              std::chrono::milliseconds busyTimeout);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    const QString &path() const { return m_path; }

    // A statement prepared once per connection; nullptr (and *error set) if it
    // does not prepare.
    QSqlQuery *prepared(const QString &sql, StoreError *error);
    // Runs a statement that needs no parameters.
    std::optional<StoreError> exec(const QString &sql);

    StoreError errorFrom(const QSqlError &error, QStringView doing) const;

    // Read transactions see one snapshot and never block writers (WAL).
    // Write transactions take the write lock at once (BEGIN IMMEDIATE), so
    // they wait for each other through the busy timeout instead of failing
    // on a read-to-write upgrade.
    enum class TransactionKind : std::uint8_t { Read, Write };
    std::optional<StoreError> begin(TransactionKind kind);
    std::optional<StoreError> commit();
    void rollback();

private:
    StoreConnection(QString path, QString connectionName, std::chrono::milliseconds busyTimeout);
    std::optional<StoreError> checkIntegrity();
    std::optional<StoreError> configure();
    std::optional<StoreError> prepareSchema();

    QString m_path;
    QString m_connectionName;
    std::chrono::milliseconds m_busyTimeout;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
};

// Ends a transaction on every path: commit() or a rollback on destruction.
class Transaction
{
public:
    explicit Transaction(StoreConnection &connection) : m_connection(connection) {}
    ~Transaction()
    {
        if (m_active)
            m_connection.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    std::optional<StoreError> begin(StoreConnection::TransactionKind kind)
    {
        auto error = m_connection.begin(kind);
        m_active = !error;
        return error;
    }
    std::optional<StoreError> commit()
    {
        m_active = false;
        return m_connection.commit();
    }

private:
    StoreConnection &m_connection;
    bool m_active = false;
};

} // namespace qmld::store
