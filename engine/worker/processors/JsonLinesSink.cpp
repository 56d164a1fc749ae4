#include <qmld/BuiltinProcessors.h>

#include <QFile>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace qmld {

class JsonLinesSink::Private
{
public:
    QFile file;
    QMutex mutex;
};

JsonLinesSink::JsonLinesSink()
    : d(std::make_unique<Private>())
{
}

JsonLinesSink::~JsonLinesSink() = default;

std::shared_ptr<JsonLinesSink> JsonLinesSink::open(const QString &path, QString *error)
{
    std::shared_ptr<JsonLinesSink> sink(new JsonLinesSink);
    const bool ok = (path.isEmpty() || path == u"-"_s)
                        ? sink->d->file.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)
                        : (sink->d->file.setFileName(path),
                           sink->d->file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered));
    if (!ok) {
        if (error)
            *error = u"cannot open %1 for writing: %2"_s.arg(path, sink->d->file.errorString());
        return {};
    }
    return sink;
}

bool JsonLinesSink::write(const QByteArray &lines)
{
    QMutexLocker lock(&d->mutex);
    return d->file.write(lines) == lines.size();
}

} // namespace qmld
