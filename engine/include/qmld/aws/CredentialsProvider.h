#pragma once

#include <qmld/aws/Credentials.h>

#include <QObject>

#include <functional>

namespace qmld::aws {

// The outcome of asking for credentials: either valid credentials or a
// one-line reason a person can act on ("run `aws sso login --profile P`").
struct CredentialsResult
{
    AwsCredentials credentials;
    QString error;
    bool ok() const { return error.isEmpty() && credentials.isValid(); }
};

using CredentialsCallback = std::function<void(const CredentialsResult &)>;

// A source of credentials. credentials() calls `done` exactly once, on the
// caller's thread, perhaps before it returns. Sources of temporary
// credentials cache them and fetch new ones shortly before they expire.
class CredentialsProvider : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual void credentials(CredentialsCallback done) = 0;
};

// Credentials known up front: environment keys, a profile's static keys, a test's.
class StaticCredentialsProvider final : public CredentialsProvider
{
    Q_OBJECT

public:
    explicit StaticCredentialsProvider(AwsCredentials credentials, QObject *parent = nullptr)
        : CredentialsProvider(parent), m_credentials(std::move(credentials))
    {
    }
    void credentials(CredentialsCallback done) override { done({m_credentials, {}}); }

private:
    AwsCredentials m_credentials;
};

// Base of the sources of temporary credentials: one fetch at a time, shared
// by every caller waiting meanwhile; the result kept until five minutes
// before it expires.
class RefreshingCredentialsProvider : public CredentialsProvider
{
    Q_OBJECT

public:
    using CredentialsProvider::CredentialsProvider;
    void credentials(CredentialsCallback done) final;
    // The next credentials() fetches anew (after AWS refused the cached ones).
    void invalidate() { m_cached = {}; }

protected:
    // Fetches once; calls `done` exactly once.
    virtual void fetch(CredentialsCallback done) = 0;

private:
    AwsCredentials m_cached;
    QList<CredentialsCallback> m_waiting;
    bool m_fetching = false;
};

} // namespace qmld::aws
