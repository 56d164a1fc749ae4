<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>qmld::CaptureWriterThread</name>
    <message numerus="yes">
        <source>the disk did not keep up (%1 waiting to be written): capture dropped after %n record(s)</source>
        <translation>
            <numerusform>the disk did not keep up (%1 waiting to be written): capture dropped after %n record</numerusform>
            <numerusform>the disk did not keep up (%1 waiting to be written): capture dropped after %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmld::StreamRunner</name>
    <message numerus="yes">
        <source>gave up after %n restart(s) within %1 s: %2</source>
        <translation>
            <numerusform>gave up after %n restart within %1 s: %2</numerusform>
            <numerusform>gave up after %n restarts within %1 s: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmld::ui::MainWindow</name>
    <message numerus="yes">
        <source>every %n record(s)</source>
        <translation>
            <numerusform>every %n record</numerusform>
            <numerusform>every %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>every %n second</numerusform>
            <numerusform>every %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n stream</numerusform>
            <numerusform>%n streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shard(s) (%1 here, %2 other workers)</source>
        <translation>
            <numerusform>%n shard (%1 here, %2 other workers)</numerusform>
            <numerusform>%n shards (%1 here, %2 other workers)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmld::ui::MetricChart</name>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 · mean %3</source>
        <translation>
            <numerusform>last %1 s · %n shard shown · max %2 · mean %3</numerusform>
            <numerusform>last %1 s · %n shards shown · max %2 · mean %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 records/s · mean %3 records/s</source>
        <translation>
            <numerusform>last %1 s · %n shard shown · max %2 records/s · mean %3 records/s</numerusform>
            <numerusform>last %1 s · %n shards shown · max %2 records/s · mean %3 records/s</numerusform>
        </translation>
    </message>
</context>
</TS>
