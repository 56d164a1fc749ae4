#include "daemon/store/StoreConnection.h"

#include "daemon/store/Logging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace qmld::store {

namespace {

// PRAGMA application_id: "qmld" in ASCII, so that no other SQLite file is
// mistaken for a store.
constexpr int kApplicationId = 0x716D6C64;
constexpr int kSchemaVersion = 3;

// SQLite primary result codes (extended codes keep them in the low byte).
enum SqliteCode : int {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteCorrupt = 11,
    SqliteCantOpen = 14,
    SqliteNotADatabase = 26,
};

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"qmld-store-%1"_s.arg(counter.fetch_add(1) + 1);
}

// The translation context of these messages, named for lupdate and
// QCoreApplication::translate alike (lupdate would file a bare tr() under
// the enclosing class, which the console would then never find). Calls spell
// out qmld::store:: because lupdate does not see StoreConnection's header.
class StoreText
{
    Q_DECLARE_TR_FUNCTIONS(qmld::StreamStore)
};

const QString kSchema[] = {
    u"CREATE TABLE streams ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created_ms INTEGER NOT NULL,"
    "  retention_ms INTEGER NOT NULL,"
    "  last_ordinal INTEGER NOT NULL,"     // the last ordinal handed out in the stream
    "  last_arrival_ms INTEGER NOT NULL,"  // arrival times never go backwards
    "  next_shard_index INTEGER NOT NULL)"_s,
    u"CREATE TABLE shards ("
    "  id INTEGER PRIMARY KEY,"
    "  stream_id INTEGER NOT NULL REFERENCES streams(id),"
    "  shard_index INTEGER NOT NULL,"
    "  parent_index INTEGER,"
    "  adjacent_parent_index INTEGER,"
    "  starting_hash_key TEXT NOT NULL,"
    "  ending_hash_key TEXT NOT NULL,"
    "  starting_ordinal INTEGER NOT NULL,"
    "  ending_ordinal INTEGER,"            // NULL while the shard is open
    "  closed_ms INTEGER,"
    "  UNIQUE (stream_id, shard_index))"_s,
    // Clustered by (shard, ordinal): the next N records of a shard are one range scan.
    u"CREATE TABLE records ("
    "  shard_id INTEGER NOT NULL,"
    "  ordinal INTEGER NOT NULL,"
    "  arrival_ms INTEGER NOT NULL,"
    "  partition_key BLOB NOT NULL,"
    "  data BLOB NOT NULL,"
    "  PRIMARY KEY (shard_id, ordinal)) WITHOUT ROWID"_s,
};

// Schema 2: imported streams keep the sequence numbers they came with. NULL
// everywhere else: the number is derived from the ordinal and the shard index.
const QString kSchema2[] = {
    u"ALTER TABLE shards ADD COLUMN starting_sequence TEXT"_s, // normalized digits
    u"ALTER TABLE shards ADD COLUMN ending_sequence TEXT"_s,
    // The sequence number zero-padded to 130 digits, so that text order is number order.
    u"ALTER TABLE records ADD COLUMN sequence_key TEXT"_s,
    u"CREATE INDEX records_by_sequence ON records (shard_id, sequence_key) WHERE sequence_key IS NOT NULL"_s,
};

// Schema 3: the KCL lease tables of every application, one row a lease,
// keyed by (tableName, leaseKey): a KCL table name may hold any character,
// and as a column value it needs no identifier quoting and one query lists
// them all. Columns carry the KCL attribute names; the string sets are JSON
// arrays, NULL when empty, as DynamoDB stores no empty set. Stores of schema 2
// may have the table already: the lease table used to create it on first use.
const QString kSchema3[] = {
    u"CREATE TABLE IF NOT EXISTS leases ("
    "  tableName TEXT NOT NULL,"
    "  leaseKey TEXT NOT NULL,"
    "  leaseOwner TEXT,"
    "  leaseCounter INTEGER NOT NULL,"
    "  checkpoint TEXT NOT NULL,"
    "  checkpointSubSequenceNumber INTEGER NOT NULL,"
    "  ownerSwitchesSinceCheckpoint INTEGER NOT NULL,"
    "  parentShardId TEXT,"
    "  childShardIds TEXT,"
    "  pendingCheckpoint TEXT,"
    "  pendingCheckpointSubSequenceNumber INTEGER,"
    "  startingHashKey TEXT,"
    "  endingHashKey TEXT,"
    "  PRIMARY KEY (tableName, leaseKey)) WITHOUT ROWID"_s,
};

} // namespace

StoreConnection::StoreConnection(QString path, QString connectionName, std::chrono::milliseconds busyTimeout)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName)), m_busyTimeout(busyTimeout)
{
}

StoreConnection::~StoreConnection()
{
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

StoreResult<std::unique_ptr<StoreConnection>> StoreConnection::open(const QString &path, StreamStore::OpenMode mode,
                                                                    std::chrono::milliseconds busyTimeout)
{
    if (path.isEmpty())
        return StoreError{StoreError::Code::CannotOpen, qmld::store::StoreText::tr("no store path given")};
    if (mode == StreamStore::OpenMode::MustExist && !QFileInfo::exists(path))
        return StoreError{StoreError::Code::StoreMissing, qmld::store::StoreText::tr("store %1 does not exist").arg(path)};

    std::unique_ptr<StoreConnection> connection(new StoreConnection(path, nextConnectionName(), busyTimeout));
    connection->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection->m_connectionName);
    if (!connection->m_db.isValid())
        return StoreError{StoreError::Code::CannotOpen,
                          qmld::store::StoreText::tr("cannot open store %1: the Qt SQLite driver (QSQLITE) is not installed").arg(path)};
    const bool existing = QFileInfo(path).size() > 0;
    connection->m_db.setDatabaseName(path);
    connection->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeout.count()));
    if (!connection->m_db.open())
        return connection->errorFrom(connection->m_db.lastError(), qmld::store::StoreText::tr("opening"));
    // Before anything writes (WAL mode, the schema, a lease table): nothing
    // goes into a damaged file.
    if (existing) {
        if (auto error = connection->checkIntegrity())
            return *error;
    }
    if (auto error = connection->configure())
        return *error;
    if (auto error = connection->prepareSchema())
        return *error;
    qCDebug(lcStore) << "opened store" << path;
    return connection;
}

// The structure of every table but the records (which can be large; SQLite
// reports a damaged records page when it reads one): a page whose cells run
// off its end would otherwise be read as a made-up row.
std::optional<StoreError> StoreConnection::checkIntegrity()
{
    QSqlQuery tables(m_db);
    if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'records'"_s))
        return errorFrom(tables.lastError(), qmld::store::StoreText::tr("reading"));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    tables.finish();
    for (const QString &name : std::as_const(names)) {
        QSqlQuery check(m_db);
        if (!check.exec(u"PRAGMA quick_check('%1')"_s.arg(QString(name).replace(u'\'', u"''"_s))))
            return errorFrom(check.lastError(), qmld::store::StoreText::tr("checking"));
        QStringList problems;
        while (check.next()) {
            const QString line = check.value(0).toString();
            if (line != u"ok"_s && !line.startsWith(u"***"_s))
                problems << line;
        }
        if (!problems.isEmpty())
            return StoreError{StoreError::Code::Corrupt,
                              qmld::store::StoreText::tr("store %1 is damaged (table %2: %3); it was left as it was: restore it from a copy")
                                  .arg(m_path, name, problems.constFirst())};
    }
    return std::nullopt;
}

std::optional<StoreError> StoreConnection::configure()
{
    // page_size only matters for a new file, and must come before WAL.
    if (auto error = exec(u"PRAGMA page_size = 8192"_s))
        return error;
    QSqlQuery journal(m_db);
    if (!journal.exec(u"PRAGMA journal_mode = WAL"_s))
        return errorFrom(journal.lastError(), qmld::store::StoreText::tr("switching to WAL"));
    if (journal.next() && journal.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        qCWarning(lcStore) << "store" << m_path << "stays in journal mode" << journal.value(0).toString()
                           << "(WAL needs a local file system); concurrent readers will wait for writers";
    journal.finish();
    // NORMAL is durable across process crashes in WAL mode; only a power cut
    // can lose the last transactions, never consistency.
    return exec(u"PRAGMA synchronous = NORMAL"_s);
}

std::optional<StoreError> StoreConnection::prepareSchema()
{
    const auto readHeader = [this](int *applicationId, int *version, int *tables) -> std::optional<StoreError> {
        QSqlQuery query(m_db);
        if (!query.exec(u"SELECT (SELECT application_id FROM pragma_application_id),"
                        " (SELECT user_version FROM pragma_user_version),"
                        " (SELECT COUNT(*) FROM sqlite_master)"_s)
            || !query.next())
            return errorFrom(query.lastError(), qmld::store::StoreText::tr("reading"));
        *applicationId = query.value(0).toInt();
        *version = query.value(1).toInt();
        *tables = query.value(2).toInt();
        return std::nullopt;
    };
    const auto check = [this](int applicationId, int version, int tables) -> std::optional<StoreError> {
        if (applicationId == kApplicationId && version > kSchemaVersion)
            return StoreError{StoreError::Code::Corrupt,
                              qmld::store::StoreText::tr("store %1 was written by a newer qmld (schema %2; this one reads %3)")
                                  .arg(m_path).arg(version).arg(kSchemaVersion)};
        if (applicationId != kApplicationId && (applicationId != 0 || tables > 0))
            return StoreError{StoreError::Code::Corrupt,
                              qmld::store::StoreText::tr("%1 is an SQLite database but not a qmld store").arg(m_path)};
        return std::nullopt;
    };

    int applicationId = 0, version = 0, tables = 0;
    if (auto error = readHeader(&applicationId, &version, &tables))
        return error;
    if (auto error = check(applicationId, version, tables))
        return error;
    if (applicationId == kApplicationId && version >= kSchemaVersion)
        return std::nullopt;

    // A new file: create the schema unless another process just did.
    Transaction transaction(*this);
    if (auto error = transaction.begin(TransactionKind::Write))
        return error;
    if (auto error = readHeader(&applicationId, &version, &tables))
        return error;
    if (auto error = check(applicationId, version, tables))
        return error;
    if (applicationId == kApplicationId && version >= kSchemaVersion)
        return transaction.commit();
    if (applicationId != kApplicationId) {
        for (const QString &statement : kSchema) {
            if (auto error = exec(statement))
                return error;
        }
        version = 1;
    }
    if (version < 2) {
        for (const QString &statement : kSchema2) {
            if (auto error = exec(statement))
                return error;
        }
    }
    if (version < 3) {
        for (const QString &statement : kSchema3) {
            if (auto error = exec(statement))
                return error;
        }
    }
    if (auto error = exec(u"PRAGMA application_id = %1"_s.arg(kApplicationId)))
        return error;
    if (auto error = exec(u"PRAGMA user_version = %1"_s.arg(kSchemaVersion)))
        return error;
    if (applicationId == kApplicationId)
        qCInfo(lcStore) << "updated store" << m_path << "to schema" << kSchemaVersion;
    else
        qCInfo(lcStore) << "created store" << m_path;
    return transaction.commit();
}

QSqlQuery *StoreConnection::prepared(const QString &sql, StoreError *error)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            *error = errorFrom(query.lastError(), qmld::store::StoreText::tr("preparing a statement for"));
            return nullptr;
        }
        it = m_statements.insert(sql, std::move(query));
    }
    return &it.value();
}

std::optional<StoreError> StoreConnection::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return errorFrom(query.lastError(), qmld::store::StoreText::tr("writing"));
    return std::nullopt;
}

StoreError StoreConnection::errorFrom(const QSqlError &error, QStringView doing) const
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (code) {
    case SqliteBusy:
    case SqliteLocked:
        return {StoreError::Code::Busy,
                qmld::store::StoreText::tr("store %1 is busy: another connection held its write lock for more than %2 ms")
                    .arg(m_path).arg(m_busyTimeout.count())};
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return {StoreError::Code::Corrupt, qmld::store::StoreText::tr("store %1 is damaged or not a database (%2)").arg(m_path, detail)};
    case SqliteCantOpen:
    case SqliteReadOnly:
        return {StoreError::Code::CannotOpen, qmld::store::StoreText::tr("cannot open store %1 (%2)").arg(m_path, detail)};
    default:
        return {StoreError::Code::Io, qmld::store::StoreText::tr("error %1 store %2: %3").arg(doing, m_path, detail)};
    }
}

std::optional<StoreError> StoreConnection::begin(TransactionKind kind)
{
    return exec(kind == TransactionKind::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
}

std::optional<StoreError> StoreConnection::commit()
{
    if (auto error = exec(u"COMMIT"_s)) {
        rollback();
        return error;
    }
    return std::nullopt;
}

void StoreConnection::rollback()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"ROLLBACK"_s))
        qCDebug(lcStore) << "rollback in" << m_path << "failed:" << query.lastError().text();
}

} // namespace qmld::store
