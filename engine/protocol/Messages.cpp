#include "protocol/Messages.h"

#include <array>
#include <utility>

namespace qmld::protocol {

namespace {

constexpr std::array<std::pair<Action, QByteArrayView>, 8> kActionNames{{
    {Action::Initialize, "initialize"},
    {Action::ProcessRecords, "processRecords"},
    {Action::LeaseLost, "leaseLost"},
    {Action::ShardEnded, "shardEnded"},
    {Action::ShutdownRequested, "shutdownRequested"},
    {Action::Shutdown, "shutdown"},
    {Action::Checkpoint, "checkpoint"},
    {Action::Status, "status"},
}};

} // namespace

QByteArray actionName(Action action)
{
    for (const auto &[candidate, name] : kActionNames) {
        if (candidate == action)
            return QByteArray::fromRawData(name.data(), name.size());
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Action> actionFromName(QByteArrayView name)
{
    for (const auto &[action, candidate] : kActionNames) {
        if (candidate == name)
            return action;
    }
    return std::nullopt;
}

Action actionOf(const DaemonMessage &message)
{
    struct Visitor
    {
        Action operator()(const InitializeMessage &) const { return Action::Initialize; }
        Action operator()(const ProcessRecordsMessage &) const { return Action::ProcessRecords; }
        Action operator()(const LeaseLostMessage &) const { return Action::LeaseLost; }
        Action operator()(const ShardEndedMessage &) const { return Action::ShardEnded; }
        Action operator()(const ShutdownRequestedMessage &) const { return Action::ShutdownRequested; }
        Action operator()(const ShutdownMessage &) const { return Action::Shutdown; }
        Action operator()(const CheckpointReplyMessage &) const { return Action::Checkpoint; }
    };
    return std::visit(Visitor{}, message);
}

} // namespace qmld::protocol
