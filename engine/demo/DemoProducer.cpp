#include <qmld/demo/DemoProducer.h>

#include <qmld/Kpl.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace qmld::demo {

namespace {
constexpr std::array kPages{"/", "/search", "/product/espresso-machine", "/product/grinder", "/product/beans-1kg",
                            "/cart", "/checkout", "/account"};
constexpr std::array kRegions{"eu-west-1", "us-east-1", "ap-northeast-1"};
constexpr std::array kCurrencies{"EUR", "USD", "JPY"};
} // namespace

DemoProducer::DemoProducer(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_timer(this), m_random(20261202)
{
    m_timer.setInterval(m_options.tick);
    connect(&m_timer, &QTimer::timeout, this, &DemoProducer::produce);
}

void DemoProducer::start()
{
    auto store = StreamStore::open(m_options.storePath);
    if (!store) {
        Q_EMIT failed(tr("the demo producer cannot open %1: %2").arg(m_options.storePath, store.error().message));
        return;
    }
    m_store.emplace(std::move(store).value());
    m_nextBurst = qint64(5000 / m_options.tick.count());
    m_timer.start();
}

void DemoProducer::stop()
{
    m_timer.stop();
    m_store.reset();
}

double DemoProducer::currentRate() const
{
    if (m_ticks >= m_nextBurst && m_ticks < m_burstEnd)
        return m_options.burstRecordsPerSecond;
    // A slow swell around the base rate, as traffic through a day.
    const double seconds = double(m_ticks * m_options.tick.count()) / 1000.0;
    return m_options.baseRecordsPerSecond * (1.0 + 0.5 * std::sin(seconds / 20.0));
}

QByteArray DemoProducer::event(QByteArray *partitionKey)
{
    if (partitionKey->isEmpty())
        *partitionKey = "user-" + QByteArray::number(m_random.bounded(500));
    const int kind = int(m_random.bounded(100));
    QJsonObject object{
        {u"eventId"_s, QString::number(++m_eventNumber)},
        {u"userId"_s, QString::fromLatin1(*partitionKey)},
        {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"region"_s, QString::fromLatin1(kRegions[m_random.bounded(int(kRegions.size()))])},
    };
    if (kind < 70) {
        object.insert(u"type"_s, u"page_view"_s);
        object.insert(u"page"_s, QString::fromLatin1(kPages[m_random.bounded(int(kPages.size()))]));
    } else if (kind < 88) {
        object.insert(u"type"_s, u"cart_add"_s);
        object.insert(u"sku"_s, u"SKU-%1"_s.arg(m_random.bounded(1000, 9999)));
        object.insert(u"quantity"_s, int(m_random.bounded(1, 4)));
    } else if (kind < 96) {
        object.insert(u"type"_s, u"order_placed"_s);
        object.insert(u"orderId"_s, u"ord-%1"_s.arg(m_eventNumber));
        object.insert(u"items"_s, int(m_random.bounded(1, 6)));
        object.insert(u"amount"_s, double(m_random.bounded(500, 50000)) / 100.0);
        object.insert(u"currency"_s, QString::fromLatin1(kCurrencies[m_random.bounded(int(kCurrencies.size()))]));
    } else {
        object.insert(u"type"_s, u"payment_failed"_s);
        object.insert(u"reason"_s, m_random.bounded(2) ? u"card_declined"_s : u"timeout"_s);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void DemoProducer::produce()
{
    ++m_ticks;
    if (m_ticks >= m_burstEnd && m_ticks > m_nextBurst) {
        const qint64 ticksPerSecond = 1000 / m_options.tick.count();
        m_nextBurst = m_ticks + ticksPerSecond * m_random.bounded(20, 45);
        m_burstEnd = m_nextBurst + ticksPerSecond * m_random.bounded(4, 10);
    }
    m_owed += currentRate() * double(m_options.tick.count()) / 1000.0;
    const int count = int(m_owed);
    m_owed -= count;

    std::vector<PutRequest> requests;
    requests.reserve(std::size_t(count) + 1);
    for (int i = 0; i < count; ++i) {
        PutRequest request;
        request.data = event(&request.partitionKey); // a random user
        requests.push_back(std::move(request));
    }
    // About one a second: a user's session, aggregated by a KPL producer
    // (one partition key, so every sub-record belongs to the same shard).
    if (m_random.bounded(1000 / int(m_options.tick.count())) == 0) {
        KplAggregator aggregator;
        QByteArray key;
        for (int i = 0; i < 5; ++i) {
            const QByteArray data = event(&key);
            aggregator.add(key, data);
        }
        if (const auto aggregate = aggregator.finish())
            requests.push_back(PutRequest{aggregate->partitionKey, aggregate->data, aggregate->explicitHashKey});
    }
    if (requests.empty())
        return;
    const auto put = m_store->putRecords(m_options.streamName, requests);
    if (!put) {
        m_timer.stop();
        Q_EMIT failed(tr("the demo producer stopped: %1").arg(put.error().message));
    }
}

} // namespace qmld::demo
