#include "ChildMessageDecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace qmld::peers {
namespace {

const QStringList otherRegisteredActions = {
    u"initialize"_s, u"processRecords"_s, u"shutdown"_s, u"shutdownRequested"_s, u"leaseLost"_s, u"shardEnded"_s,
};

ChildMessage unexpected(const QString &reason)
{
    ChildMessage message;
    message.reason = reason;
    return message;
}

// Jackson's String deserializer takes any scalar; objects and arrays fail.
std::optional<std::optional<QString>> coerceToString(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (value.isString())
        return std::optional<QString>(value.toString());
    if (value.isBool())
        return std::optional<QString>(value.toBool() ? u"true"_s : u"false"_s);
    if (value.isDouble()) {
        const double number = value.toDouble();
        return std::optional<QString>(number == std::trunc(number) ? QString::number(number, 'f', 0)
                                                                   : QString::number(number));
    }
    return std::nullopt;
}

// Jackson's Long deserializer: numbers (truncated) and numeric strings.
std::optional<std::optional<qint64>> coerceToLong(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    if (value.isDouble())
        return std::optional<qint64>(qint64(std::trunc(value.toDouble())));
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return std::optional<qint64>(number);
    }
    return std::nullopt;
}

QString firstUnknownKey(const QJsonObject &object, const QStringList &allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            return it.key();
    }
    return {};
}

} // namespace

ChildMessage ChildMessage::decode(const QByteArray &line, bool legacyCheckpoints)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return unexpected(u"whitespace only"_s);
    if (trimmed == "null")
        return {Kind::BareNull, {}, {}, {}, {}, false};

    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
    bool trailingContentLost = false;
    if (error.error == QJsonParseError::GarbageAtEnd) {
        document = QJsonDocument::fromJson(trimmed.left(error.offset), &error);
        trailingContentLost = true;
    }
    if (error.error != QJsonParseError::NoError)
        return unexpected(u"not JSON: %1"_s.arg(error.errorString()));
    if (!document.isObject())
        return unexpected(u"not a JSON object"_s);

    const QJsonObject object = document.object();
    const QJsonValue actionValue = object.value("action"_L1);
    if (!actionValue.isString())
        return unexpected(u"no \"action\""_s);

    ChildMessage message;
    message.action = actionValue.toString();
    message.trailingContentLost = trailingContentLost;
    if (message.action == "status"_L1) {
        const QString extra = firstUnknownKey(object, {u"action"_s, u"responseFor"_s});
        if (!extra.isEmpty())
            return unexpected(u"unrecognized property %1"_s.arg(extra));
        const auto responseFor = coerceToString(object.value("responseFor"_L1));
        if (!responseFor)
            return unexpected(u"responseFor is not a string"_s);
        message.kind = Kind::Status;
        message.responseFor = *responseFor;
        return message;
    }
    if (message.action == "checkpoint"_L1 && legacyCheckpoints && object.contains("checkpoint"_L1)) {
        const QString extra = firstUnknownKey(object, {u"action"_s, u"checkpoint"_s, u"error"_s});
        if (!extra.isEmpty())
            return unexpected(u"unrecognized property %1"_s.arg(extra));
        const auto sequence = coerceToString(object.value("checkpoint"_L1));
        if (!sequence)
            return unexpected(u"a checkpoint field has the wrong type"_s);
        message.kind = Kind::Checkpoint;
        message.legacyCheckpoint = true;
        message.checkpoint = {*sequence, std::nullopt};
        return message;
    }
    if (message.action == "checkpoint"_L1) {
        const QString extra =
            firstUnknownKey(object, {u"action"_s, u"sequenceNumber"_s, u"subSequenceNumber"_s, u"error"_s});
        if (!extra.isEmpty())
            return unexpected(u"unrecognized property %1"_s.arg(extra));
        const auto sequence = coerceToString(object.value("sequenceNumber"_L1));
        const auto sub = coerceToLong(object.value("subSequenceNumber"_L1));
        if (!sequence || !sub || !coerceToString(object.value("error"_L1)))
            return unexpected(u"a checkpoint field has the wrong type"_s);
        message.kind = Kind::Checkpoint;
        message.checkpoint = {*sequence, *sub};
        return message;
    }
    if (otherRegisteredActions.contains(message.action)) {
        message.kind = Kind::Ignored;
        return message;
    }
    return unexpected(u"unknown action \"%1\""_s.arg(message.action));
}

} // namespace qmld::peers
