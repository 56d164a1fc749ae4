<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DaemonPreset</name>
    <message>
        <source>daemon command &apos;%1&apos; names no program</source>
        <translation>der Daemon-Befehl &apos;%1&apos; nennt kein Programm</translation>
    </message>
    <message>
        <source>unknown daemon &apos;%1&apos;: use one of %2, or a command containing {properties}</source>
        <translation>unbekannter Daemon &apos;%1&apos;: verwenden Sie einen von %2 oder einen Befehl mit {properties}</translation>
    </message>
    <message>
        <source>cannot find java for the %1 daemon: set JAVA or JAVA_HOME, or put java on PATH</source>
        <translation>java für den Daemon %1 nicht gefunden: setzen Sie JAVA oder JAVA_HOME, oder legen Sie java in den PATH</translation>
    </message>
    <message>
        <source>the %1 daemon needs the KCL jars: set the Java classpath option or QMLD_JAVA_CLASSPATH</source>
        <translation>der Daemon %1 braucht die KCL-JARs: setzen Sie die Option Java-Classpath oder QMLD_JAVA_CLASSPATH</translation>
    </message>
    <message>
        <source>daemon program %1 does not exist</source>
        <translation>das Daemon-Programm %1 existiert nicht</translation>
    </message>
    <message>
        <source>daemon program %1 is not an executable file</source>
        <translation>das Daemon-Programm %1 ist keine ausführbare Datei</translation>
    </message>
    <message>
        <source>daemon program %1 is not on PATH</source>
        <translation>das Daemon-Programm %1 ist nicht im PATH</translation>
    </message>
    <message>
        <source>classpath entry %1 holds no jar</source>
        <translation>Classpath-Eintrag %1 enthält kein JAR</translation>
    </message>
    <message>
        <source>classpath entry %1 does not exist</source>
        <translation>Classpath-Eintrag %1 existiert nicht</translation>
    </message>
    <message>
        <source>the %1 daemon needs the KCL jars: run &apos;qmld kcl install --version %2&apos;, or set the Java classpath option or QMLD_JAVA_CLASSPATH</source>
        <translation>der %1-Daemon braucht die KCL-JARs: &apos;qmld kcl install --version %2&apos; ausführen oder die Java-Classpath-Option bzw. QMLD_JAVA_CLASSPATH setzen</translation>
    </message>
    <message>
        <source>the %1 daemon cannot start: %2</source>
        <translation>der %1-Daemon kann nicht starten: %2</translation>
    </message>
</context>
<context>
    <name>JavaProperties</name>
    <message>
        <source>cannot read properties file %1: %2</source>
        <translation>Properties-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1:%2: malformed \uXXXX escape</source>
        <translation>%1:%2: fehlerhafte \uXXXX-Escape-Sequenz</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;Properties&gt;</translation>
    </message>
    <message>
        <source>cannot write properties file %1: %2</source>
        <translation>Properties-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>KclApplication</name>
    <message>
        <source>%1 (or %2)</source>
        <translation>%1 (oder %2)</translation>
    </message>
    <message>
        <source>the required key %1 is empty</source>
        <translation>der Pflichtschlüssel %1 ist leer</translation>
    </message>
    <message>
        <source>the required key %1 is missing</source>
        <translation>der Pflichtschlüssel %1 fehlt</translation>
    </message>
    <message>
        <source>a whole number of at least %1</source>
        <translation>eine ganze Zahl von mindestens %1</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>einer der Werte %1</translation>
    </message>
    <message>
        <source>a time in seconds since the epoch</source>
        <translation>eine Zeit in Sekunden seit der Epoche</translation>
    </message>
    <message>
        <source>%1 = &apos;%2&apos; is not valid: expected %3</source>
        <translation>%1 = &apos;%2&apos; ist ungültig: erwartet wird %3</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;Properties&gt;</translation>
    </message>
    <message>
        <source>TRIM_HORIZON, LATEST or AT_TIMESTAMP</source>
        <translation>TRIM_HORIZON, LATEST oder AT_TIMESTAMP</translation>
    </message>
    <message>
        <source>initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended (epoch seconds)</source>
        <translation>initialPositionInStream = AT_TIMESTAMP braucht initialPositionInStreamExtended (Sekunden seit der Epoche)</translation>
    </message>
</context>
<context>
    <name>KplText</name>
    <message>
        <source>KPL aggregate</source>
        <translation>KPL-Aggregat</translation>
    </message>
    <message>
        <source>erlmld aggregate</source>
        <translation>erlmld-Aggregat</translation>
    </message>
    <message>
        <source>deflated erlmld aggregate</source>
        <translation>komprimiertes erlmld-Aggregat</translation>
    </message>
    <message>
        <source>Record %1: malformed %2 (%3); delivered as one record</source>
        <translation>Datensatz %1: fehlerhaftes %2 (%3); als ein Datensatz zugestellt</translation>
    </message>
    <message>
        <source>deflated aggregate of %1 bytes is too large</source>
        <translation>komprimiertes Aggregat mit %1 Bytes ist zu groß</translation>
    </message>
    <message>
        <source>zlib could not be initialized</source>
        <translation>zlib konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <source>deflated aggregate expands beyond %1 bytes</source>
        <translation>komprimiertes Aggregat wird größer als %1 Bytes</translation>
    </message>
    <message>
        <source>bad zlib stream</source>
        <translation>fehlerhafter zlib-Datenstrom</translation>
    </message>
    <message>
        <source>bad protobuf</source>
        <translation>fehlerhaftes Protobuf</translation>
    </message>
    <message>
        <source>bad protobuf in user record %1</source>
        <translation>fehlerhaftes Protobuf in Benutzerdatensatz %1</translation>
    </message>
    <message>
        <source>user record %1 refers to partition key %2 of %3</source>
        <translation>Benutzerdatensatz %1 verweist auf Partitionsschlüssel %2 von %3</translation>
    </message>
    <message>
        <source>user record %1 refers to explicit hash key %2 of %3</source>
        <translation>Benutzerdatensatz %1 verweist auf expliziten Hash-Schlüssel %2 von %3</translation>
    </message>
    <message>
        <source>not an aggregated record</source>
        <translation>kein aggregierter Datensatz</translation>
    </message>
    <message>
        <source>too short (%1 bytes after the magic)</source>
        <translation>zu kurz (%1 Bytes nach der Kennung)</translation>
    </message>
    <message>
        <source>bad MD5 checksum</source>
        <translation>falsche MD5-Prüfsumme</translation>
    </message>
</context>
<context>
    <name>LagMeter</name>
    <message>
        <source>no lag for the shards of stream %1: %2</source>
        <translation>keine Verzögerung für die Shards von Stream %1: %2</translation>
    </message>
</context>
<context>
    <name>LeaseReset</name>
    <message>
        <source>%1 is in the future: records that arrive before it would be processed too</source>
        <translation>%1 liegt in der Zukunft: Datensätze, die vorher eintreffen, würden ebenfalls verarbeitet</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has no record with sequence number %3</source>
        <translation>Shard %1 von Stream „%2“ hat keinen Datensatz mit der Sequenznummer %3</translation>
    </message>
    <message>
        <source>unknown reset target</source>
        <translation>unbekanntes Ziel für das Zurücksetzen</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time: AT_TIMESTAMP:2026-12-06T10:00:00Z or AT_TIMESTAMP:&lt;epoch milliseconds&gt;</source>
        <translation>AT_TIMESTAMP braucht eine Zeit: AT_TIMESTAMP:2026-12-06T10:00:00Z oder AT_TIMESTAMP:&lt;Millisekunden seit der Epoche&gt;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time: use ISO 8601 (2026-12-06T10:00:00Z) or epoch milliseconds</source>
        <translation>&apos;%1&apos; ist keine Zeit: verwenden Sie ISO 8601 (2026-12-06T10:00:00Z) oder Millisekunden seit der Epoche</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not TRIM_HORIZON, LATEST, AT_TIMESTAMP:T or a sequence number</source>
        <translation>&apos;%1&apos; ist weder TRIM_HORIZON, LATEST, AT_TIMESTAMP:T noch eine Sequenznummer</translation>
    </message>
    <message>
        <source>shard %1 of application table &quot;%2&quot;</source>
        <translation>Shard %1 der Anwendungstabelle „%2“</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; has no lease for shard %2 (%3)</source>
        <translation>die Lease-Tabelle „%1“ hat keinen Lease für Shard %2 (%3)</translation>
    </message>
    <message>
        <source>cannot reset %1: %2</source>
        <translation>%1 kann nicht zurückgesetzt werden: %2</translation>
    </message>
    <message>
        <source>%1 is held by %2: watching its lease counter for %3 ms (failoverTimeMillis) to see whether that worker is alive; --force skips this</source>
        <translation>%1 wird von %2 gehalten: sein Lease-Zähler wird %3 ms lang (failoverTimeMillis) beobachtet, um zu sehen, ob dieser Worker aktiv ist; --force überspringt das</translation>
    </message>
    <message>
        <source>the lease of %1 was deleted while watching it</source>
        <translation>der Lease von %1 wurde während der Beobachtung gelöscht</translation>
    </message>
    <message>
        <source>%1 is held by %2, a live worker (its lease counter moved within %3 ms): stop that worker first, or force it and that worker loses the lease</source>
        <translation>%1 wird von %2 gehalten, einem aktiven Worker (sein Lease-Zähler hat sich innerhalb von %3 ms bewegt): stoppen Sie diesen Worker zuerst, oder erzwingen Sie das Zurücksetzen, dann verliert der Worker den Lease</translation>
    </message>
    <message>
        <source>the lease of %1 changed while resetting it (a worker took, renewed or checkpointed it): nothing was written, try again</source>
        <translation>der Lease von %1 hat sich beim Zurücksetzen geändert (ein Worker hat ihn übernommen, erneuert oder einen Checkpoint gesetzt): nichts wurde geschrieben, versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>reset the checkpoint of %1 from %2 to %3</source>
        <translation>Checkpoint von %1 von %2 auf %3 zurückgesetzt</translation>
    </message>
    <message>
        <source>%1 cannot be checked against the stream here: use TRIM_HORIZON or LATEST</source>
        <translation>%1 lässt sich hier nicht am Stream prüfen: TRIM_HORIZON oder LATEST verwenden</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>qmld-console: --start: no saved stream %1</source>
        <translation>qmld-console: --start: kein gespeicherter Stream %1</translation>
    </message>
    <message>
        <source>qmld-console: signal %1: stopping every stream (again to quit at once)</source>
        <translation>qmld-console: Signal %1: alle Streams werden gestoppt (erneut senden, um sofort zu beenden)</translation>
    </message>
    <message>
        <source>qmld-console: the demo cannot start: %1</source>
        <translation>qmld-console: die Demo kann nicht starten: %1</translation>
    </message>
    <message>
        <source>qmld-console: cannot save the screenshot to %1</source>
        <translation>qmld-console: der Screenshot kann nicht nach %1 gespeichert werden</translation>
    </message>
</context>
<context>
    <name>StreamSettings</name>
    <message>
        <source>the stream needs a name</source>
        <translation>der Stream braucht einen Namen</translation>
    </message>
    <message>
        <source>another stream is already called &quot;%1&quot;</source>
        <translation>ein anderer Stream heißt bereits „%1“</translation>
    </message>
    <message>
        <source>applicationName is required</source>
        <translation>applicationName ist erforderlich</translation>
    </message>
    <message>
        <source>applicationName may hold only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; (it names the lease table)</source>
        <translation>applicationName darf nur Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos; enthalten (er benennt die Lease-Tabelle)</translation>
    </message>
    <message>
        <source>streamName is required (a stream name or ARN)</source>
        <translation>streamName ist erforderlich (ein Stream-Name oder ARN)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kinesis or DynamoDB stream ARN</source>
        <translation>„%1“ ist kein ARN eines Kinesis- oder DynamoDB-Streams</translation>
    </message>
    <message>
        <source>a stream name holds 1 to 128 letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>ein Stream-Name besteht aus 1 bis 128 Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; oder &apos;.&apos;</translation>
    </message>
    <message>
        <source>regionName is required for the KCL daemons</source>
        <translation>regionName ist für die KCL-Daemons erforderlich</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an AWS region such as us-east-1</source>
        <translation>„%1“ ist keine AWS-Region wie us-east-1</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time after 1970-01-01</source>
        <translation>AT_TIMESTAMP braucht einen Zeitpunkt nach dem 1970-01-01</translation>
    </message>
    <message>
        <source>choose a daemon preset or enter a command with {properties}</source>
        <translation>wählen Sie eine Daemon-Vorgabe oder geben Sie einen Befehl mit {properties} ein</translation>
    </message>
    <message>
        <source>the Java classpath must be one line</source>
        <translation>der Java-Classpath muss eine einzige Zeile sein</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider is required</source>
        <translation>AWSCredentialsProvider ist erforderlich</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider is a class name; it holds no spaces</source>
        <translation>AWSCredentialsProvider ist ein Klassenname und enthält keine Leerzeichen</translation>
    </message>
    <message>
        <source>workerId must not start or end with spaces</source>
        <translation>workerId darf nicht mit Leerzeichen beginnen oder enden</translation>
    </message>
    <message>
        <source>qmldStore is a file, and %1 is a folder</source>
        <translation>qmldStore ist eine Datei, aber %1 ist ein Ordner</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <source>%1: %2 = &quot;%3&quot; is not %4</source>
        <translation>%1: %2 = „%3“ ist ungültig (erwartet: %4)</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;Properties&gt;</translation>
    </message>
    <message>
        <source>%1: not a KCL properties file (neither applicationName nor streamName is set)</source>
        <translation>%1: keine KCL-Properties-Datei (weder applicationName noch streamName ist gesetzt)</translation>
    </message>
    <message>
        <source>off, records:N or seconds:N</source>
        <translation>off, records:N oder seconds:N</translation>
    </message>
    <message>
        <source>the processor plugin %1 does not exist</source>
        <translation>das Prozessor-Plugin %1 existiert nicht</translation>
    </message>
    <message>
        <source>the lag alert must be between 0 (off) and %1 s, not %2</source>
        <translation>die Lag-Warnung muss zwischen 0 (aus) und %1 s liegen, nicht %2</translation>
    </message>
    <message>
        <source>the checkpoint interval must be at least 1, not %1</source>
        <translation>das Checkpoint-Intervall muss mindestens 1 sein, nicht %1</translation>
    </message>
</context>
<context>
    <name>qmld-console</name>
    <message>
        <source>Run the embedded demo stream.</source>
        <translation>Den eingebetteten Demo-Stream ausführen.</translation>
    </message>
    <message>
        <source>The embedded store (default: $QMLD_STORE, else the per-user store).</source>
        <translation>Der eingebettete Store (Standard: $QMLD_STORE, sonst der Store des Benutzers).</translation>
    </message>
    <message>
        <source>The language of the console: en, de, ja (default: the system&apos;s).</source>
        <translation>Die Sprache der Konsole: en, de, ja (Standard: die des Systems).</translation>
    </message>
    <message>
        <source>Milliseconds to run before --screenshot (default 3000).</source>
        <translation>Laufzeit in Millisekunden vor --screenshot (Standard 3000).</translation>
    </message>
    <message>
        <source>Try &apos;qmld-console --help&apos;.</source>
        <translation>Siehe &apos;qmld-console --help&apos;.</translation>
    </message>
    <message>
        <source>qmld-console: unexpected argument &apos;%1&apos;</source>
        <translation>qmld-console: unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>qmld-console: --after takes milliseconds, not &apos;%1&apos;</source>
        <translation>qmld-console: --after erwartet Millisekunden, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Open a capture file as a stream of its own (repeatable).</source>
        <translation>Eine Capture-Datei als eigenen Stream öffnen (wiederholbar).</translation>
    </message>
    <message>
        <source>qmld-console: --replay: no capture file %1</source>
        <translation>qmld-console: --replay: keine Capture-Datei %1</translation>
    </message>
    <message>
        <source>The qmld operations console: live lease ownership, per-shard lag, record previews
and manual checkpoints for KCL MultiLangDaemon applications.

--demo runs a local stream &apos;demo&apos; (4 shards, a producer of shop events with bursts)
through the embedded daemon, with a second worker in the background: no AWS, no Java.

SIGTERM, SIGINT and SIGHUP quit as File &gt; Quit does: every stream is stopped the
graceful way (its children get shutdownRequested and may checkpoint), then the
console exits with status 0. A second signal ends it at once.</source>
        <translation>Die qmld-Betriebskonsole: Lease-Besitz live, Lag pro Shard, Datensatz-Vorschau
und manuelle Checkpoints für KCL-MultiLangDaemon-Anwendungen.

--demo betreibt einen lokalen Stream &apos;demo&apos; (4 Shards, ein Producer von Shop-Ereignissen mit Lastspitzen)
über den eingebetteten Daemon, mit einem zweiten Worker im Hintergrund: kein AWS, kein Java.

SIGTERM, SIGINT und SIGHUP beenden wie Datei &gt; Beenden: jeder Stream wird geordnet
gestoppt (seine Kindprozesse erhalten shutdownRequested und können einen Checkpoint setzen),
dann endet die Konsole mit Status 0. Ein zweites Signal beendet sie sofort.</translation>
    </message>
    <message>
        <source>Start this saved stream at once (repeatable).</source>
        <translation>Diesen gespeicherten Stream sofort starten (wiederholbar).</translation>
    </message>
    <message>
        <source>Open the AWS streams window and list the streams of the profile, region and endpoint last used there (else AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_KINESIS).</source>
        <translation>Das Fenster „AWS-Streams“ öffnen und die Streams des dort zuletzt benutzten Profils, der Region und des Endpunkts auflisten (sonst AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_KINESIS).</translation>
    </message>
    <message>
        <source>Open this Kinesis stream in the AWS streams window (implies --aws).</source>
        <translation>Diesen Kinesis-Stream im Fenster „AWS-Streams“ öffnen (schließt --aws ein).</translation>
    </message>
    <message>
        <source>Tail this shard of the --aws-stream (shardId-000000000000, or just 0).</source>
        <translation>Diesen Shard des --aws-stream mitlesen (shardId-000000000000 oder einfach 0).</translation>
    </message>
    <message>
        <source>Where --aws-tail starts: TRIM_HORIZON (default), LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T.</source>
        <translation>Wo --aws-tail beginnt: TRIM_HORIZON (Standard), LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ oder AT_TIMESTAMP:T.</translation>
    </message>
    <message>
        <source>Save a PNG of the main window (of the AWS streams window with --aws), then exit.</source>
        <translation>Ein PNG des Hauptfensters (mit --aws des Fensters „AWS-Streams“) speichern und dann beenden.</translation>
    </message>
    <message>
        <source>qmld-console: --aws-tail needs --aws-stream NAME</source>
        <translation>qmld-console: --aws-tail braucht --aws-stream NAME</translation>
    </message>
    <message>
        <source>qmld-console: --aws-from &apos;%1&apos; is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T</source>
        <translation>qmld-console: --aws-from &apos;%1&apos; ist weder TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ noch AT_TIMESTAMP:T</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureFeeder</name>
    <message>
        <source>%1 lists no shards in its header: nothing to replay</source>
        <translation>%1 führt im Header keine Shards auf: nichts wiederzugeben</translation>
    </message>
    <message>
        <source>replay of %1: %2</source>
        <translation>Wiedergabe von %1: %2</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureImporter</name>
    <message>
        <source>%1: the user records of aggregate %2 are not 0..%3 in the capture; they are imported as sub-sequence numbers 0..%3</source>
        <translation>%1: die Benutzerdatensätze des Aggregats %2 sind in der Capture nicht 0..%3; sie werden als Sub-Sequenznummern 0..%3 importiert</translation>
    </message>
    <message>
        <source>cannot import aggregate %1 of shard %2: its user records do not fit one KPL aggregate again (partition key &quot;%3&quot;)</source>
        <translation>Aggregat %1 von Shard %2 kann nicht importiert werden: seine Benutzerdatensätze passen nicht wieder in ein KPL-Aggregat (Partitionsschlüssel „%3“)</translation>
    </message>
    <message>
        <source>%1: shard %2 has no valid hash key range in the header</source>
        <translation>%1: Shard %2 hat im Header keinen gültigen Hash-Key-Bereich</translation>
    </message>
    <message>
        <source>sequence number %1 of shard %2 does not follow %3: the shard&apos;s records are out of order</source>
        <translation>Sequenznummer %1 von Shard %2 folgt nicht auf %3: die Datensätze des Shards sind nicht in Reihenfolge</translation>
    </message>
    <message>
        <source>sequence number %1 is before shard %2&apos;s starting sequence number %3</source>
        <translation>Sequenznummer %1 liegt vor der ersten Sequenznummer %3 von Shard %2</translation>
    </message>
    <message>
        <source>sequence number %1 is after closed shard %2&apos;s ending sequence number %3</source>
        <translation>Sequenznummer %1 liegt nach der letzten Sequenznummer %3 des geschlossenen Shards %2</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureReader</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot start decompressing %1</source>
        <translation>Dekomprimieren von %1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: truncated gzip: the file ends inside the compressed stream, after line %2</source>
        <translation>%1: abgeschnittenes gzip: die Datei endet mitten im komprimierten Datenstrom, nach Zeile %2</translation>
    </message>
    <message>
        <source>%1: corrupt gzip after line %2 (%3)</source>
        <translation>%1: beschädigtes gzip nach Zeile %2 (%3)</translation>
    </message>
    <message>
        <source>line longer than %1 bytes</source>
        <translation>Zeile länger als %1 Bytes</translation>
    </message>
    <message>
        <source>not JSON (%1)</source>
        <translation>kein JSON (%1)</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>%1: no header line: the file is empty</source>
        <translation>%1: keine Kopfzeile: die Datei ist leer</translation>
    </message>
    <message>
        <source>no header line: the first line has no formatVersion</source>
        <translation>keine Kopfzeile: die erste Zeile hat kein formatVersion</translation>
    </message>
    <message>
        <source>formatVersion is not a positive integer</source>
        <translation>formatVersion ist keine positive ganze Zahl</translation>
    </message>
    <message>
        <source>unknown formatVersion %1: this qmld reads capture format %2; use a newer qmld</source>
        <translation>unbekannte formatVersion %1: dieses qmld liest das Capture-Format %2; verwenden Sie ein neueres qmld</translation>
    </message>
    <message>
        <source>capturedAt &quot;%1&quot; is not an ISO 8601 time</source>
        <translation>capturedAt „%1“ ist keine ISO-8601-Zeitangabe</translation>
    </message>
    <message>
        <source>the header has no shards array</source>
        <translation>der Header hat kein shards-Array</translation>
    </message>
    <message>
        <source>a shard in the header has no shardId</source>
        <translation>ein Shard im Header hat keine shardId</translation>
    </message>
    <message>
        <source>shard %1 is listed twice in the header</source>
        <translation>Shard %1 ist im Header doppelt aufgeführt</translation>
    </message>
    <message>
        <source>shard %1&apos;s hash key range is not decimal</source>
        <translation>der Hash-Key-Bereich von Shard %1 ist nicht dezimal</translation>
    </message>
    <message>
        <source>shard %1 has a sequence number that is not decimal: &quot;%2&quot;</source>
        <translation>Shard %1 hat eine Sequenznummer, die nicht dezimal ist: „%2“</translation>
    </message>
    <message>
        <source>missing shardId</source>
        <translation>shardId fehlt</translation>
    </message>
    <message>
        <source>shard %1 is not in the header</source>
        <translation>Shard %1 steht nicht im Header</translation>
    </message>
    <message>
        <source>missing sequenceNumber</source>
        <translation>sequenceNumber fehlt</translation>
    </message>
    <message>
        <source>subSequenceNumber is not a non-negative integer</source>
        <translation>subSequenceNumber ist keine nichtnegative ganze Zahl</translation>
    </message>
    <message>
        <source>sequenceNumber is not a decimal sequence number</source>
        <translation>sequenceNumber ist keine dezimale Sequenznummer</translation>
    </message>
    <message>
        <source>partitionKey is not a string</source>
        <translation>partitionKey ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>missing data</source>
        <translation>data fehlt</translation>
    </message>
    <message>
        <source>data is not base64</source>
        <translation>data ist kein Base64</translation>
    </message>
    <message>
        <source>approximateArrivalTimestamp is not an integer (epoch milliseconds)</source>
        <translation>approximateArrivalTimestamp ist keine ganze Zahl (Epoch-Millisekunden)</translation>
    </message>
    <message>
        <source>no header line: this is a record log, not a capture (a capture starts with a line holding formatVersion, stream and shards; see &apos;qmld capture --help&apos;)</source>
        <translation>keine Kopfzeile: dies ist ein Datensatz-Log, keine Capture (eine Capture beginnt mit einer Zeile mit formatVersion, stream und shards; siehe „qmld capture --help“)</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureWriter</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot make %1 private (mode 0600): %2</source>
        <translation>%1 kann nicht privat gemacht werden (Modus 0600): %2</translation>
    </message>
    <message>
        <source>cannot start compressing %1</source>
        <translation>Komprimieren von %1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>capture file is not open</source>
        <translation>die Capture-Datei ist nicht geöffnet</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot compress %1</source>
        <translation>%1 kann nicht komprimiert werden</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureWriterThread</name>
    <message numerus="yes">
        <source>the disk did not keep up (%1 waiting to be written): capture dropped after %n record(s)</source>
        <translation>
            <numerusform>die Platte kam nicht nach (%1 warten aufs Schreiben): Aufzeichnung nach %n Datensatz verworfen</numerusform>
            <numerusform>die Platte kam nicht nach (%1 warten aufs Schreiben): Aufzeichnung nach %n Datensätzen verworfen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmld::CheckpointStatus</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>qmld::LeaseSource</name>
    <message>
        <source>lease table &quot;%1&quot; in store %2</source>
        <translation>Lease-Tabelle „%1“ im Speicher %2</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; in DynamoDB</source>
        <translation>Lease-Tabelle „%1“ in DynamoDB</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; in DynamoDB (%2)</source>
        <translation>Lease-Tabelle „%1“ in DynamoDB (%2)</translation>
    </message>
</context>
<context>
    <name>qmld::LeaseTable</name>
    <message>
        <source>no lease table name (applicationName or tableName) given for store %1</source>
        <translation>kein Name der Lease-Tabelle (applicationName oder tableName) für Store %1 angegeben</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>Store %1</translation>
    </message>
    <message>
        <source>reading a lease from</source>
        <translation>beim Lesen eines Leases aus</translation>
    </message>
    <message>
        <source>writing a lease to</source>
        <translation>beim Schreiben eines Leases in</translation>
    </message>
    <message>
        <source>deleting a lease from</source>
        <translation>beim Löschen eines Leases aus</translation>
    </message>
    <message>
        <source>reading the leases of</source>
        <translation>beim Lesen der Leases von</translation>
    </message>
    <message>
        <source>cannot create a lease without a leaseKey and a checkpoint in %1</source>
        <translation>in %1 kann kein Lease ohne leaseKey und Checkpoint angelegt werden</translation>
    </message>
    <message>
        <source>invalid checkpoint for lease %1 of %2</source>
        <translation>ungültiger Checkpoint für Lease %1 von %2</translation>
    </message>
    <message>
        <source>cannot reset lease %1 of %2 to %3: use TRIM_HORIZON, LATEST, AT_TIMESTAMP or a sequence number</source>
        <translation>Lease %1 von %2 kann nicht auf %3 zurückgesetzt werden: verwenden Sie TRIM_HORIZON, LATEST, AT_TIMESTAMP oder eine Sequenznummer</translation>
    </message>
</context>
<context>
    <name>qmld::Ownership</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>this process</source>
        <translation>dieser Prozess</translation>
    </message>
    <message>
        <source>another worker</source>
        <translation>anderer Worker</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
</context>
<context>
    <name>qmld::ShardState</name>
    <message>
        <source>unowned</source>
        <translation>ohne Besitzer</translation>
    </message>
    <message>
        <source>waiting for parents</source>
        <translation>wartet auf Eltern</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>in Verarbeitung</translation>
    </message>
    <message>
        <source>shutting down</source>
        <translation>wird beendet</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>lease lost</source>
        <translation>Lease verloren</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>qmld::StreamHost</name>
    <message>
        <source>cannot listen on 127.0.0.1 for the shards of %1: %2</source>
        <translation>kann für die Shards von %1 nicht auf 127.0.0.1 lauschen: %2</translation>
    </message>
    <message>
        <source>no session here serves shard %1</source>
        <translation>keine Session hier bedient Shard %1</translation>
    </message>
    <message>
        <source>%1; the stream runs with the inspector only</source>
        <translation>%1; der Stream läuft nur mit dem Inspektor</translation>
    </message>
</context>
<context>
    <name>qmld::StreamRunner</name>
    <message>
        <source>the stream runner needs the shard server&apos;s port and token</source>
        <translation>der Stream-Runner braucht Port und Token des Shard-Servers</translation>
    </message>
    <message>
        <source>qmld-connect not found or not executable: %1</source>
        <translation>qmld-connect nicht gefunden oder nicht ausführbar: %1</translation>
    </message>
    <message>
        <source>the path of qmld-connect contains a space, which the MultiLangDaemon cannot run: %1</source>
        <translation>der Pfad von qmld-connect enthält ein Leerzeichen, das der MultiLangDaemon nicht ausführen kann: %1</translation>
    </message>
    <message>
        <source>cannot create a runtime folder in %1: %2</source>
        <translation>in %1 kann kein Laufzeitordner angelegt werden: %2</translation>
    </message>
    <message>
        <source>the daemon finished (exit code 0)</source>
        <translation>der Daemon hat sich beendet (Exit-Code 0)</translation>
    </message>
    <message>
        <source>the daemon was killed by signal %1</source>
        <translation>der Daemon wurde durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>the daemon exited with code %1</source>
        <translation>der Daemon hat sich mit Code %1 beendet</translation>
    </message>
    <message>
        <source>cannot start the daemon %1: %2</source>
        <translation>der Daemon %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>the daemon cannot start: %1, twice in a row during its startup</source>
        <translation>der Daemon kann nicht starten: %1, zweimal hintereinander während des Starts</translation>
    </message>
    <message>
        <source>the daemon cannot start: %1 (%2, twice in a row during its startup)</source>
        <translation>der Daemon kann nicht starten: %1 (%2, zweimal hintereinander während des Starts)</translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n restart(s) within %1 s: %2</source>
        <translation>
            <numerusform>nach %n Neustart innerhalb von %1 s aufgegeben: %2</numerusform>
            <numerusform>nach %n Neustarts innerhalb von %1 s aufgegeben: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the daemon is still stopping</source>
        <translation>der Daemon wird noch gestoppt</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>backing off</source>
        <translation>wartet vor Neustart</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>qmld::StreamStore</name>
    <message>
        <source>invalid stream name &quot;%1&quot;: use 1 to 128 letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>ungültiger Stream-Name „%1“: verwenden Sie 1 bis 128 Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; oder &apos;.&apos;</translation>
    </message>
    <message>
        <source>invalid shard count %1 for stream &quot;%2&quot;: it must be 1 to %3</source>
        <translation>ungültige Shard-Anzahl %1 für Stream „%2“: sie muss zwischen 1 und %3 liegen</translation>
    </message>
    <message>
        <source>invalid retention for stream &quot;%1&quot;: it must be positive</source>
        <translation>ungültige Aufbewahrungsdauer für Stream „%1“: sie muss positiv sein</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>beim Lesen von</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>beim Schreiben in</translation>
    </message>
    <message>
        <source>cannot put to stream &quot;%1&quot;: %2</source>
        <translation>in Stream „%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>store %1 is damaged: no open shard of stream &quot;%2&quot; holds hash key %3</source>
        <translation>Store %1 ist beschädigt: kein offener Shard von Stream „%2“ enthält den Hash-Key %3</translation>
    </message>
    <message>
        <source>invalid read limit %1: it must be at least 1</source>
        <translation>ungültiges Leselimit %1: es muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>sequence number %1 is not from shard %2 of stream &quot;%3&quot; (store %4)</source>
        <translation>Sequenznummer %1 stammt nicht aus Shard %2 von Stream „%3“ (Store %4)</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is closed and cannot be split</source>
        <translation>Shard %1 von Stream „%2“ ist geschlossen und kann nicht geteilt werden</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; holds a single hash key and cannot be split</source>
        <translation>Shard %1 von Stream „%2“ enthält nur einen Hash-Key und kann nicht geteilt werden</translation>
    </message>
    <message>
        <source>split point %1 is outside shard %2&apos;s hash key range %3..%4: it must be above the starting key and at most the ending key</source>
        <translation>Teilungspunkt %1 liegt außerhalb des Hash-Key-Bereichs %3..%4 von Shard %2: er muss über dem Startschlüssel und höchstens beim Endschlüssel liegen</translation>
    </message>
    <message>
        <source>cannot merge shard %1 of stream &quot;%2&quot; with itself</source>
        <translation>Shard %1 von Stream „%2“ kann nicht mit sich selbst zusammengeführt werden</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is closed and cannot be merged</source>
        <translation>Shard %1 von Stream „%2“ ist geschlossen und kann nicht zusammengeführt werden</translation>
    </message>
    <message>
        <source>shards %1 (%2..%3) and %4 (%5..%6) of stream &quot;%7&quot; are not adjacent</source>
        <translation>die Shards %1 (%2..%3) und %4 (%5..%6) von Stream „%7“ grenzen nicht aneinander</translation>
    </message>
    <message>
        <source>shard id &quot;%1&quot; of stream &quot;%2&quot; is not shardId- and 12 digits, as Kinesis names shards; the embedded store cannot hold it</source>
        <translation>die Shard-ID „%1“ von Stream „%2“ ist nicht shardId- mit 12 Ziffern, wie Kinesis Shards benennt; der eingebettete Store kann sie nicht aufnehmen</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is listed twice</source>
        <translation>Shard %1 von Stream „%2“ ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has an empty hash key range %3..%4</source>
        <translation>Shard %1 von Stream „%2“ hat einen leeren Hash-Key-Bereich %3..%4</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has a sequence number that is not a number</source>
        <translation>Shard %1 von Stream „%2“ hat eine Sequenznummer, die keine Zahl ist</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; ends (%3) before it starts (%4)</source>
        <translation>Shard %1 von Stream „%2“ endet (%3), bevor er beginnt (%4)</translation>
    </message>
    <message>
        <source>open shards %1 and %2 of stream &quot;%3&quot; overlap in hash key range</source>
        <translation>die offenen Shards %1 und %2 von Stream „%3“ überschneiden sich im Hash-Key-Bereich</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; was not imported: it numbers its records itself (put them)</source>
        <translation>Shard %1 von Stream „%2“ wurde nicht importiert: er nummeriert seine Datensätze selbst (schreiben Sie sie mit put)</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: &quot;%3&quot; is not a sequence number</source>
        <translation>in Shard %1 von Stream „%2“ kann nicht importiert werden: „%3“ ist keine Sequenznummer</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 does not follow %4</source>
        <translation>in Shard %1 von Stream „%2“ kann nicht importiert werden: Sequenznummer %3 folgt nicht auf %4</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 is before the shard&apos;s starting sequence number %4</source>
        <translation>in Shard %1 von Stream „%2“ kann nicht importiert werden: Sequenznummer %3 liegt vor der Start-Sequenznummer %4 des Shards</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 is after the closed shard&apos;s ending sequence number %4</source>
        <translation>in Shard %1 von Stream „%2“ kann nicht importiert werden: Sequenznummer %3 liegt nach der End-Sequenznummer %4 des geschlossenen Shards</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: record %3 of %4 bytes exceeds Kinesis&apos; 1 MiB limit</source>
        <translation>in Shard %1 von Stream „%2“ kann nicht importiert werden: Datensatz %3 mit %4 Bytes überschreitet das Kinesis-Limit von 1 MiB</translation>
    </message>
    <message>
        <source>cannot close shard %1 of stream &quot;%2&quot;: the ending sequence number is not a number</source>
        <translation>Shard %1 von Stream „%2“ kann nicht geschlossen werden: die End-Sequenznummer ist keine Zahl</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is already closed</source>
        <translation>Shard %1 von Stream „%2“ ist bereits geschlossen</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; was not imported: it cannot take an ending sequence number</source>
        <translation>Shard %1 von Stream „%2“ wurde nicht importiert: er kann keine End-Sequenznummer erhalten</translation>
    </message>
    <message>
        <source>cannot close shard %1 of stream &quot;%2&quot; at %3: it holds records after that</source>
        <translation>Shard %1 von Stream „%2“ kann nicht bei %3 geschlossen werden: er enthält Datensätze danach</translation>
    </message>
    <message>
        <source>no store path given</source>
        <translation>kein Store-Pfad angegeben</translation>
    </message>
    <message>
        <source>store %1 does not exist</source>
        <translation>Store %1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot open store %1: the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>Store %1 kann nicht geöffnet werden: der Qt-SQLite-Treiber (QSQLITE) ist nicht installiert</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>beim Öffnen von</translation>
    </message>
    <message>
        <source>switching to WAL</source>
        <translation>beim Umschalten auf WAL von</translation>
    </message>
    <message>
        <source>store %1 was written by a newer qmld (schema %2; this one reads %3)</source>
        <translation>Store %1 wurde von einem neueren qmld geschrieben (Schema %2; dieses liest %3)</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not a qmld store</source>
        <translation>%1 ist eine SQLite-Datenbank, aber kein qmld-Store</translation>
    </message>
    <message>
        <source>preparing a statement for</source>
        <translation>beim Vorbereiten einer Anweisung für</translation>
    </message>
    <message>
        <source>store %1 is busy: another connection held its write lock for more than %2 ms</source>
        <translation>Store %1 ist belegt: eine andere Verbindung hielt seine Schreibsperre länger als %2 ms</translation>
    </message>
    <message>
        <source>store %1 is damaged or not a database (%2)</source>
        <translation>Store %1 ist beschädigt oder keine Datenbank (%2)</translation>
    </message>
    <message>
        <source>cannot open store %1 (%2)</source>
        <translation>Store %1 kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <source>error %1 store %2: %3</source>
        <translation>Fehler %1 Store %2: %3</translation>
    </message>
    <message>
        <source>a partition key is empty</source>
        <translation>ein Partitionsschlüssel ist leer</translation>
    </message>
    <message>
        <source>partition key is not UTF-8</source>
        <translation>der Partitionsschlüssel ist kein UTF-8</translation>
    </message>
    <message>
        <source>partition key &quot;%1…&quot; is %2 characters long (at most %3)</source>
        <translation>der Partitionsschlüssel „%1…“ ist %2 Zeichen lang (höchstens %3)</translation>
    </message>
    <message>
        <source>a record of %1 bytes with partition key &quot;%2&quot; exceeds Kinesis&apos; 1 MiB limit</source>
        <translation>ein Datensatz mit %1 Bytes und dem Partitionsschlüssel „%2“ überschreitet das Kinesis-Limit von 1 MiB</translation>
    </message>
    <message>
        <source>unknown stream &quot;%1&quot; in store %2</source>
        <translation>unbekannter Stream „%1“ in Store %2</translation>
    </message>
    <message>
        <source>no shard &quot;%1&quot; in stream &quot;%2&quot; (store %3)</source>
        <translation>kein Shard „%1“ in Stream „%2“ (Store %3)</translation>
    </message>
    <message>
        <source>stream &quot;%1&quot; already exists in store %2</source>
        <translation>Stream „%1“ existiert bereits in Store %2</translation>
    </message>
    <message>
        <source>store %1 is damaged: shard %2 has a bad hash key range</source>
        <translation>Store %1 ist beschädigt: Shard %2 hat einen fehlerhaften Hash-Key-Bereich</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>store %1 is damaged (table %2: %3); it was left as it was: restore it from a copy</source>
        <translation>Store %1 ist beschädigt (Tabelle %2: %3); er wurde nicht verändert: stellen Sie ihn aus einer Kopie wieder her</translation>
    </message>
</context>
<context>
    <name>qmld::demo::DemoProducer</name>
    <message>
        <source>the demo producer cannot open %1: %2</source>
        <translation>der Demo-Erzeuger kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <source>the demo producer stopped: %1</source>
        <translation>der Demo-Erzeuger wurde beendet: %1</translation>
    </message>
</context>
<context>
    <name>qmld::kpl</name>
    <message>
        <source>Record %1: %2 holds user records outside the shard&apos;s hash key range [%3, %4]; dropped, as the KCL does</source>
        <translation>Datensatz %1: %2 enthält Benutzerdatensätze außerhalb des Hash-Schlüsselbereichs des Shards [%3, %4]; verworfen, wie es die KCL tut</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AttachApplicationDialog</name>
    <message>
        <source>Attach KCL application</source>
        <translation>KCL-Anwendung anbinden</translation>
    </message>
    <message>
        <source>Watch the leases of a KCL application that runs elsewhere: every worker&apos;s leases, checkpoints and lag, live. Nothing runs here, and nothing is written unless you reset a checkpoint.</source>
        <translation>Die Leases einer KCL-Anwendung beobachten, die anderswo läuft: Leases, Checkpoints und Verzögerung jedes Workers, live. Hier läuft nichts, und nichts wird geschrieben, außer Sie setzen einen Checkpoint zurück.</translation>
    </message>
    <message>
        <source>Embedded store</source>
        <translation>Eingebetteter Speicher</translation>
    </message>
    <message>
        <source>AWS (DynamoDB and Kinesis)</source>
        <translation>AWS (DynamoDB und Kinesis)</translation>
    </message>
    <message>
        <source>Lease table in:</source>
        <translation>Lease-Tabelle in:</translation>
    </message>
    <message>
        <source>the application&apos;s tableName, else its applicationName</source>
        <translation>tableName der Anwendung, sonst ihr applicationName</translation>
    </message>
    <message>
        <source>Lease table:</source>
        <translation>Lease-Tabelle:</translation>
    </message>
    <message>
        <source>optional: the stream, for each shard&apos;s lag</source>
        <translation>optional: der Stream, für die Verzögerung jedes Shards</translation>
    </message>
    <message>
        <source>Stream:</source>
        <translation>Stream:</translation>
    </message>
    <message>
        <source>Store file:</source>
        <translation>Speicherdatei:</translation>
    </message>
    <message>
        <source>AWS_PROFILE, else default</source>
        <translation>AWS_PROFILE, sonst default</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>AWS_REGION, else the profile&apos;s</source>
        <translation>AWS_REGION, sonst die des Profils</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>optional: http://localhost:4566 for a local emulator</source>
        <translation>optional: http://localhost:4566 für einen lokalen Emulator</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anbinden</translation>
    </message>
    <message>
        <source>Name the lease table.</source>
        <translation>Geben Sie die Lease-Tabelle an.</translation>
    </message>
    <message>
        <source>Name the store file.</source>
        <translation>Geben Sie die Speicherdatei an.</translation>
    </message>
    <message>
        <source>The endpoint is not a URL: %1</source>
        <translation>Der Endpunkt ist keine URL: %1</translation>
    </message>
    <message>
        <source>%1 (attached)</source>
        <translation>%1 (angebunden)</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsBrowser</name>
    <message>
        <source>AWS streams — qmld console</source>
        <translation>AWS-Streams — qmld-Konsole</translation>
    </message>
    <message>
        <source>(default: AWS_PROFILE, environment keys, instance role)</source>
        <translation>(Standard: AWS_PROFILE, Schlüssel aus der Umgebung, Instanzrolle)</translation>
    </message>
    <message>
        <source>&amp;List streams</source>
        <translation>Streams &amp;auflisten</translation>
    </message>
    <message>
        <source>required: no region in the profile or environment</source>
        <translation>erforderlich: keine Region im Profil oder in der Umgebung</translation>
    </message>
    <message>
        <source>%1 (from the profile or environment)</source>
        <translation>%1 (aus dem Profil oder der Umgebung)</translation>
    </message>
    <message>
        <source>optional: a Kinesis endpoint URL, e.g. of a local emulator</source>
        <translation>optional: eine Kinesis-Endpunkt-URL, z. B. eines lokalen Emulators</translation>
    </message>
    <message>
        <source>%1 (optional: another endpoint URL)</source>
        <translation>%1 (optional: eine andere Endpunkt-URL)</translation>
    </message>
    <message>
        <source>Open a stream to see its shards.</source>
        <translation>Einen Stream öffnen, um seine Shards zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>&amp;Region</translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation>&amp;Endpunkt</translation>
    </message>
    <message>
        <source>Choose a profile and region, then List streams.</source>
        <translation>Profil und Region wählen, dann „Streams auflisten“.</translation>
    </message>
    <message>
        <source>The endpoint %1 is not a URL like https://kinesis.eu-west-1.amazonaws.com</source>
        <translation>Der Endpunkt %1 ist keine URL wie https://kinesis.eu-west-1.amazonaws.com</translation>
    </message>
    <message>
        <source>Listing the streams in %1 (%2)…</source>
        <translation>Streams in %1 (%2) werden aufgelistet …</translation>
    </message>
    <message>
        <source>%1 streams in %2 (%3)</source>
        <translation>%1 Streams in %2 (%3)</translation>
    </message>
    <message>
        <source>Stream %1 in %2 has no shard %3</source>
        <translation>Stream %1 in %2 hat keinen Shard %3</translation>
    </message>
    <message>
        <source>Stream %1 in %2</source>
        <translation>Stream %1 in %2</translation>
    </message>
    <message>
        <source>: %1, retention %2 h, %3 open shards</source>
        <translation>: %1, Aufbewahrung %2 h, %3 offene Shards</translation>
    </message>
    <message>
        <source>; %1 shards listed, %2 closed</source>
        <translation>; %1 Shards aufgelistet, %2 geschlossen</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsShardModel</name>
    <message>
        <source>Closed by a split or merge: it takes no new records, its records stay for the retention period.</source>
        <translation>Durch Teilen oder Zusammenlegen geschlossen: nimmt keine neuen Datensätze an, seine Datensätze bleiben für die Aufbewahrungsdauer.</translation>
    </message>
    <message>
        <source>Open: new records with keys in its hash key range go here.</source>
        <translation>Offen: neue Datensätze mit Schlüsseln in seinem Hash-Schlüsselbereich landen hier.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Eltern</translation>
    </message>
    <message>
        <source>Adjacent parent</source>
        <translation>Benachbarter Elternteil</translation>
    </message>
    <message>
        <source>Starting hash key</source>
        <translation>Erster Hash-Schlüssel</translation>
    </message>
    <message>
        <source>Ending hash key</source>
        <translation>Letzter Hash-Schlüssel</translation>
    </message>
    <message>
        <source>Starting sequence number</source>
        <translation>Erste Sequenznummer</translation>
    </message>
    <message>
        <source>Ending sequence number</source>
        <translation>Letzte Sequenznummer</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsStreamModel</name>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>PROVISIONED or ON_DEMAND capacity.</source>
        <translation>Kapazität PROVISIONED oder ON_DEMAND.</translation>
    </message>
    <message>
        <source>Open shards: those that take new records. Closed ones show when the stream is opened.</source>
        <translation>Offene Shards: die neue Datensätze annehmen. Geschlossene zeigt der geöffnete Stream.</translation>
    </message>
    <message>
        <source>How long the stream keeps records.</source>
        <translation>Wie lange der Stream Datensätze aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsTailPane</name>
    <message>
        <source>Pick a shard to tail.</source>
        <translation>Einen Shard zum Mitlesen wählen.</translation>
    </message>
    <message>
        <source>Where the tail starts: the oldest record kept (TRIM_HORIZON), new records only (LATEST), at or after a sequence number, or at a time.</source>
        <translation>Wo das Mitlesen beginnt: beim ältesten aufbewahrten Datensatz (TRIM_HORIZON), nur bei neuen (LATEST), bei oder nach einer Sequenznummer oder zu einer Zeit.</translation>
    </message>
    <message>
        <source>&amp;Tail</source>
        <translation>&amp;Mitlesen</translation>
    </message>
    <message>
        <source>Read the shard from the chosen position and keep reading new records, at most one GetRecords call a second.</source>
        <translation>Den Shard ab der gewählten Position lesen und neue Datensätze weiter mitlesen, höchstens ein GetRecords-Aufruf pro Sekunde.</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time: ISO 8601 (2026-12-06T09:00:00Z) or epoch milliseconds, not &apos;%1&apos;</source>
        <translation>AT_TIMESTAMP braucht eine Zeit: ISO 8601 (2026-12-06T09:00:00Z) oder Epoch-Millisekunden, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs a sequence number (digits only), not &apos;%2&apos;</source>
        <translation>%1 braucht eine Sequenznummer (nur Ziffern), nicht &apos;%2&apos;</translation>
    </message>
    <message>
        <source>No records yet: the tail reads %1 of stream %2 from %3.</source>
        <translation>Noch keine Datensätze: gelesen wird %1 von Stream %2 ab %3.</translation>
    </message>
    <message>
        <source>the shard is closed and read to its end</source>
        <translation>der Shard ist geschlossen und bis zum Ende gelesen</translation>
    </message>
    <message>
        <source>%1 of %2 from %3: %4 records, %5 GetRecords calls</source>
        <translation>%1 von %2 ab %3: %4 Datensätze, %5 GetRecords-Aufrufe</translation>
    </message>
    <message>
        <source>, %1 ms behind the tip</source>
        <translation>, %1 ms hinter dem neuesten Datensatz</translation>
    </message>
    <message>
        <source>, throttled calls: %1 (reading slower)</source>
        <translation>, gedrosselte Aufrufe: %1 (liest langsamer)</translation>
    </message>
    <message>
        <source> · reading</source>
        <translation> · liest</translation>
    </message>
    <message>
        <source> · stopped</source>
        <translation> · gestoppt</translation>
    </message>
    <message>
        <source>Shard %1 of stream %2</source>
        <translation>Shard %1 von Stream %2</translation>
    </message>
    <message>
        <source>ISO 8601 time or epoch milliseconds</source>
        <translation>Zeit in ISO 8601 oder Epoch-Millisekunden</translation>
    </message>
    <message>
        <source>sequence number</source>
        <translation>Sequenznummer</translation>
    </message>
    <message>
        <source>%1: %2; reading on after %3 s</source>
        <translation>%1: %2; liest nach %3 s weiter</translation>
    </message>
</context>
<context>
    <name>qmld::ui::CheckpointPanel</name>
    <message>
        <source>no shard selected</source>
        <translation>kein Shard ausgewählt</translation>
    </message>
    <message>
        <source>Checkpoint &amp;now</source>
        <translation>Checkpoint &amp;jetzt setzen</translation>
    </message>
    <message>
        <source>Checkpoint the shard at the latest record processed here, at its next exchange with the daemon.</source>
        <translation>Setzt den Checkpoint des Shards auf den zuletzt hier verarbeiteten Datensatz, beim nächsten Austausch mit dem Daemon.</translation>
    </message>
    <message>
        <source>Checkpoint at &amp;record</source>
        <translation>Checkpoint am &amp;Datensatz setzen</translation>
    </message>
    <message>
        <source>Checkpoint at the record selected in the tail: processing would resume after it.</source>
        <translation>Setzt den Checkpoint auf den im Tail ausgewählten Datensatz: die Verarbeitung ginge danach weiter.</translation>
    </message>
    <message>
        <source>asking for a checkpoint…</source>
        <translation>Checkpoint wird angefordert…</translation>
    </message>
    <message>
        <source>Shard:</source>
        <translation>Shard:</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>Richtlinie:</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>Zuletzt:</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Select a shard first.</source>
        <translation>Wählen Sie zuerst einen Shard aus.</translation>
    </message>
    <message>
        <source>No session in this process serves %1 (lease owner: %2): only its owner can checkpoint it.</source>
        <translation>Keine Session in diesem Prozess bedient %1 (Lease-Besitzer: %2): nur sein Besitzer kann einen Checkpoint setzen.</translation>
    </message>
    <message>
        <source>Select a record in the tail to checkpoint at it.</source>
        <translation>Wählen Sie im Tail einen Datensatz, um dort einen Checkpoint zu setzen.</translation>
    </message>
    <message>
        <source>The selected record is at or before the shard&apos;s checkpoint %1: the daemon refuses to move a checkpoint back (Stream → Reset checkpoint does that while no worker holds the shard).</source>
        <translation>Der ausgewählte Datensatz liegt am oder vor dem Checkpoint des Shards %1: der Daemon setzt einen Checkpoint nicht zurück (Stream → Checkpoint zurücksetzen tut das, solange kein Worker den Shard hält).</translation>
    </message>
    <message>
        <source>The selected record is at or before the shard&apos;s checkpoint: the daemon refuses to move a checkpoint back.</source>
        <translation>Der ausgewählte Datensatz liegt am oder vor dem Checkpoint des Shards: der Daemon setzt einen Checkpoint nicht zurück.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::DynamoDbRecord</name>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>no &quot;dynamodb&quot; object: not a DynamoDB stream record</source>
        <translation>kein „dynamodb“-Objekt: kein Datensatz eines DynamoDB-Streams</translation>
    </message>
</context>
<context>
    <name>qmld::ui::LogModel</name>
    <message>
        <source>debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>When the console received the line (local time).</source>
        <translation>Wann die Konsole die Zeile empfangen hat (Ortszeit).</translation>
    </message>
    <message>
        <source>The stream whose daemon wrote the line.</source>
        <translation>Der Stream, dessen Daemon die Zeile geschrieben hat.</translation>
    </message>
    <message>
        <source>The line&apos;s level as the daemon logged it: debug, info, warning or error.</source>
        <translation>Die Stufe der Zeile, wie der Daemon sie geloggt hat: Debug, Info, Warnung oder Fehler.</translation>
    </message>
    <message>
        <source>The line the daemon wrote to its standard error.</source>
        <translation>Die Zeile, die der Daemon auf seine Standardfehlerausgabe geschrieben hat.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::MainWindow</name>
    <message>
        <source>qmld console</source>
        <translation>qmld-Konsole</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import KCL properties…</source>
        <translation>KCL-Properties &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation>&amp;Stream</translation>
    </message>
    <message>
        <source>&amp;Add stream…</source>
        <translation>Stream &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit stream…</source>
        <translation>Stream &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove stream</source>
        <translation>Stream &amp;entfernen</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>Reset &amp;checkpoint…</source>
        <translation>&amp;Checkpoint zurücksetzen…</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Filter shards (id, owner, state…)</source>
        <translation>Shards filtern (ID, Besitzer, Zustand…)</translation>
    </message>
    <message>
        <source>Lag (behind latest)</source>
        <translation>Lag (Rückstand zum neuesten Datensatz)</translation>
    </message>
    <message>
        <source>Throughput (records/s)</source>
        <translation>Durchsatz (Datensätze/s)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Daemon log</source>
        <translation>Daemon-Log</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show lines at this level and above.</source>
        <translation>Zeigt Zeilen dieser Stufe und höher.</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Log filtern</translation>
    </message>
    <message>
        <source>by hand only</source>
        <translation>nur von Hand</translation>
    </message>
    <message numerus="yes">
        <source>every %n record(s)</source>
        <translation>
            <numerusform>nach je %n Datensatz</numerusform>
            <numerusform>nach je %n Datensätzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>alle %n Sekunde</numerusform>
            <numerusform>alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n Stream</numerusform>
            <numerusform>%n Streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shard(s) (%1 here, %2 other workers)</source>
        <translation>
            <numerusform>%n Shard (%1 hier, %2 bei anderen Workern)</numerusform>
            <numerusform>%n Shards (%1 hier, %2 bei anderen Workern)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 rec/s</source>
        <translation>%1 Datensätze/s</translation>
    </message>
    <message>
        <source>max lag %1</source>
        <translation>max. Lag %1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Import KCL properties</source>
        <translation>KCL-Properties importieren</translation>
    </message>
    <message>
        <source>Properties (*.properties);;All files (*)</source>
        <translation>Properties (*.properties);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Remove stream</source>
        <translation>Stream entfernen</translation>
    </message>
    <message>
        <source>Stop and remove the stream %1 from the console? Its leases and checkpoints stay.</source>
        <translation>Den Stream %1 stoppen und aus der Konsole entfernen? Seine Leases und Checkpoints bleiben erhalten.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Reset checkpoint</source>
        <translation>Checkpoint zurücksetzen</translation>
    </message>
    <message>
        <source>Record &amp;buffers…</source>
        <translation>Datensatz-&amp;Puffer…</translation>
    </message>
    <message>
        <source>Record buffers</source>
        <translation>Datensatz-Puffer</translation>
    </message>
    <message>
        <source>Records kept per shard (preview buffer and tail):</source>
        <translation>Pro Shard vorgehaltene Datensätze (Vorschaupuffer und Tail):</translation>
    </message>
    <message>
        <source>Memory per shard, in MiB:</source>
        <translation>Speicher pro Shard in MiB:</translation>
    </message>
    <message>
        <source>&amp;Replay capture…</source>
        <translation>Capture &amp;wiedergeben…</translation>
    </message>
    <message>
        <source>Ca&amp;pture selected shards…</source>
        <translation>Ausgewählte Shards &amp;aufzeichnen…</translation>
    </message>
    <message>
        <source>Record what the selected shards deliver from now on into a capture file, for qmld replay or File → Replay capture.</source>
        <translation>Zeichnet ab jetzt auf, was die ausgewählten Shards liefern, in eine Capture-Datei, für qmld replay oder Datei → Capture wiedergeben.</translation>
    </message>
    <message>
        <source>Replay capture</source>
        <translation>Capture wiedergeben</translation>
    </message>
    <message>
        <source>Captures (*.jsonl *.jsonl.gz *.gz);;All files (*)</source>
        <translation>Captures (*.jsonl *.jsonl.gz *.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Capture shards</source>
        <translation>Shards aufzeichnen</translation>
    </message>
    <message>
        <source>Captures (*.jsonl.gz *.jsonl)</source>
        <translation>Captures (*.jsonl.gz *.jsonl)</translation>
    </message>
    <message>
        <source>Select the shards to capture first.</source>
        <translation>Wählen Sie zuerst die aufzuzeichnenden Shards aus.</translation>
    </message>
    <message>
        <source>captured %1 records of %2 into %3</source>
        <translation>%1 Datensätze von %2 in %3 aufgezeichnet</translation>
    </message>
    <message>
        <source>%1, but writing failed: %2</source>
        <translation>%1, aber das Schreiben ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>● capturing %1 of %2 into %3: %4 records · %5</source>
        <translation>● zeichne %1 von %2 in %3 auf: %4 Datensätze · %5</translation>
    </message>
    <message>
        <source>● capture failed: %1</source>
        <translation>● Aufzeichnung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About qmld console</source>
        <translation>&amp;Über die qmld-Konsole</translation>
    </message>
    <message>
        <source>The shard id (the lease key in the KCL lease table).</source>
        <translation>Die Shard-ID (der Lease-Schlüssel in der KCL-Lease-Tabelle).</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>Standardspalten</translation>
    </message>
    <message>
        <source>%1: lag over %2</source>
        <translation>%1: Lag über %2</translation>
    </message>
    <message>
        <source>%1 is %2 behind the tip of the stream.</source>
        <translation>%1 liegt %2 hinter der Spitze des Streams.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;README.md&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;README.md&lt;/a&gt;</translation>
    </message>
    <message>
        <source>README.md in the qmld sources</source>
        <translation>README.md in den qmld-Quellen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;qmld console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Watch and steer Kinesis and DynamoDB stream processing through the KCL MultiLangDaemon: lease ownership, lag, record previews, manual checkpoints.&lt;/p&gt;&lt;p&gt;Getting started, the command line and the layout of the project: %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;qmld-Konsole&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Kinesis- und DynamoDB-Stream-Verarbeitung über den KCL-MultiLangDaemon beobachten und steuern: Lease-Besitz, Lag, Datensatz-Vorschau, manuelle Checkpoints.&lt;/p&gt;&lt;p&gt;Erste Schritte, die Kommandozeile und der Aufbau des Projekts: %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About qmld console</source>
        <translation>Über die qmld-Konsole</translation>
    </message>
    <message>
        <source>Select a shard to see the records it delivers here.</source>
        <translation>Wählen Sie einen Shard, um die Datensätze zu sehen, die er hier liefert.</translation>
    </message>
    <message>
        <source>No records from %1 yet.</source>
        <translation>Noch keine Datensätze von %1.</translation>
    </message>
    <message>
        <source>No records: this console does not process %1 now (the stream is stopped or starting).</source>
        <translation>Keine Datensätze: diese Konsole verarbeitet %1 gerade nicht (der Stream ist gestoppt oder startet).</translation>
    </message>
    <message>
        <source>No records: no worker processes %1 now.</source>
        <translation>Keine Datensätze: kein Worker verarbeitet %1 gerade.</translation>
    </message>
    <message>
        <source>No records here: %1 is held by %2. Records show for the shards this console processes.</source>
        <translation>Hier keine Datensätze: %1 wird von %2 gehalten. Datensätze erscheinen für die Shards, die diese Konsole verarbeitet.</translation>
    </message>
    <message>
        <source>Capture into %1 failed: %2</source>
        <translation>Aufzeichnung in %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Move the selected shard&apos;s checkpoint in the lease table.</source>
        <translation>Verschiebt den Checkpoint des ausgewählten Shards in der Lease-Tabelle.</translation>
    </message>
    <message>
        <source>Select a shard to reset its checkpoint.</source>
        <translation>Wählen Sie einen Shard, um seinen Checkpoint zurückzusetzen.</translation>
    </message>
    <message>
        <source>%1 has no lease yet: the daemon creates it when it first syncs the shards.</source>
        <translation>%1 hat noch keinen Lease: der Daemon legt ihn an, wenn er die Shards zum ersten Mal abgleicht.</translation>
    </message>
    <message>
        <source>A reset is under way.</source>
        <translation>Ein Zurücksetzen läuft bereits.</translation>
    </message>
    <message>
        <source>%1 is held by %2, a live worker: a reset takes the lease from it.</source>
        <translation>%1 wird von %2 gehalten, einem aktiven Worker: ein Zurücksetzen nimmt ihm den Lease.</translation>
    </message>
    <message>
        <source>Resetting the checkpoint of %1…</source>
        <translation>Checkpoint von %1 wird zurückgesetzt…</translation>
    </message>
    <message>
        <source>&amp;AWS streams…</source>
        <translation>&amp;AWS-Streams …</translation>
    </message>
    <message>
        <source>Browse the Kinesis streams of an AWS account and tail any shard, without a daemon.</source>
        <translation>Die Kinesis-Streams eines AWS-Kontos durchsehen und jeden Shard mitlesen, ohne Daemon.</translation>
    </message>
    <message>
        <source>&amp;Attach KCL application…</source>
        <translation>KCL-Anwendung an&amp;binden…</translation>
    </message>
    <message>
        <source>Watch a lease table, in the store or in DynamoDB: every worker&apos;s leases, checkpoints and lag, without running a daemon here.</source>
        <translation>Eine Lease-Tabelle beobachten, im Speicher oder in DynamoDB: Leases, Checkpoints und Verzögerung jedes Workers, ohne hier einen Daemon auszuführen.</translation>
    </message>
    <message>
        <source>Resetting a checkpoint needs the lease table, which the console does not know for a custom daemon command.</source>
        <translation>Zum Zurücksetzen eines Checkpoints braucht es die Lease-Tabelle, die die Konsole bei einem eigenen Daemon-Befehl nicht kennt.</translation>
    </message>
    <message>
        <source>%1 is an attached application: its workers run elsewhere.</source>
        <translation>%1 ist eine angebundene Anwendung: ihre Worker laufen anderswo.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::MetricChart</name>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 · mean %3</source>
        <translation>
            <numerusform>letzte %1 s · %n Shard angezeigt · max. %2 · Mittel %3</numerusform>
            <numerusform>letzte %1 s · %n Shards angezeigt · max. %2 · Mittel %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 records/s · mean %3 records/s</source>
        <translation>
            <numerusform>letzte %1 s · %n Shard angezeigt · max. %2 Datensätze/s · Mittel %3 Datensätze/s</numerusform>
            <numerusform>letzte %1 s · %n Shards angezeigt · max. %2 Datensätze/s · Mittel %3 Datensätze/s</numerusform>
        </translation>
    </message>
    <message>
        <source>no history for %1 yet: throughput is measured only for shards this console processes, the lag of other workers&apos; shards once their checkpoint has been measured</source>
        <translation>noch kein Verlauf für %1: der Durchsatz wird nur für Shards gemessen, die diese Konsole verarbeitet, die Verzögerung der Shards anderer Worker, sobald ihr Checkpoint gemessen wurde</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordPreview</name>
    <message>
        <source>1 byte</source>
        <translation>1 Byte</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>&amp;Raw</source>
        <translation>&amp;Roh</translation>
    </message>
    <message>
        <source>Show the JSON exactly as it arrived instead of pretty-printed.</source>
        <translation>Zeigt das JSON genau so, wie es ankam, statt formatiert.</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <source>Explicit hash key</source>
        <translation>Expliziter Hash-Schlüssel</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>KPL</source>
        <translation>KPL</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>DynamoDB</source>
        <translation>DynamoDB</translation>
    </message>
    <message>
        <source>No record selected.</source>
        <translation>Kein Datensatz ausgewählt.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Shard %1 · sequence %2 · sub-sequence %3 · partition key %4 · arrived %5 · %6</source>
        <translation>Shard %1 · Sequenz %2 · Subsequenz %3 · Partitionsschlüssel %4 · eingetroffen %5 · %6</translation>
    </message>
    <message>
        <source>UTF-8 text.</source>
        <translation>UTF-8-Text.</translation>
    </message>
    <message>
        <source>Not valid UTF-8: invalid bytes are shown as �; see the Hex tab.</source>
        <translation>Kein gültiges UTF-8: ungültige Bytes werden als � angezeigt; siehe den Reiter Hex.</translation>
    </message>
    <message>
        <source>Not JSON: %1 at byte %2.</source>
        <translation>Kein JSON: %1 bei Byte %2.</translation>
    </message>
    <message>
        <source>Valid JSON; pretty-printed with object keys sorted.</source>
        <translation>Gültiges JSON; formatiert, mit sortierten Objektschlüsseln.</translation>
    </message>
    <message>
        <source>Showing the first %1 KiB of %2.</source>
        <translation>Die ersten %1 KiB von %2 werden angezeigt.</translation>
    </message>
    <message>
        <source>Sub-record %1 of %2 of a KPL aggregate (sub-sequence number %3).</source>
        <translation>Teildatensatz %1 von %2 eines KPL-Aggregats (Subsequenznummer %3).</translation>
    </message>
    <message>
        <source>Sub-record %1 of a KPL aggregate.</source>
        <translation>Teildatensatz %1 eines KPL-Aggregats.</translation>
    </message>
    <message>
        <source>The data looks like a KPL aggregate but does not decode: %1</source>
        <translation>Die Daten sehen wie ein KPL-Aggregat aus, lassen sich aber nicht dekodieren: %1</translation>
    </message>
    <message>
        <source>The data is a KPL aggregate; records inside: %1.</source>
        <translation>Die Daten sind ein KPL-Aggregat; enthaltene Datensätze: %1.</translation>
    </message>
    <message>
        <source>Not from a KPL aggregate.</source>
        <translation>Nicht aus einem KPL-Aggregat.</translation>
    </message>
    <message>
        <source>Not a DynamoDB stream record (%1).</source>
        <translation>Kein Datensatz eines DynamoDB-Streams (%1).</translation>
    </message>
    <message>
        <source>%1 · sequence %2 · %3 · created %4</source>
        <translation>%1 · Sequenz %2 · %3 · erstellt %4</translation>
    </message>
    <message>
        <source>(no event name)</source>
        <translation>(kein Ereignisname)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>OldImage</source>
        <translation>OldImage</translation>
    </message>
    <message>
        <source>NewImage</source>
        <translation>NewImage</translation>
    </message>
    <message>
        <source>Copy the sequence number</source>
        <translation>Sequenznummer kopieren</translation>
    </message>
    <message>
        <source>Sequence number %1</source>
        <translation>Sequenznummer %1</translation>
    </message>
    <message>
        <source>Sub-record %1 of a KPL aggregate (sub-sequence number %2); the aggregate&apos;s size is not known here.</source>
        <translation>Teildatensatz %1 eines KPL-Aggregats (Subsequenznummer %2); die Größe des Aggregats ist hier nicht bekannt.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordTableModel</name>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation>Sequenznummer</translation>
    </message>
    <message>
        <source>Sub</source>
        <translation>Sub</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>The record&apos;s sequence number in its shard.</source>
        <translation>Die Sequenznummer des Datensatzes in seinem Shard.</translation>
    </message>
    <message>
        <source>The index of the record inside a KPL aggregate (0 for plain records).</source>
        <translation>Der Index des Datensatzes in einem KPL-Aggregat (0 bei einfachen Datensätzen).</translation>
    </message>
    <message>
        <source>The partition key the producer gave; it chose the shard.</source>
        <translation>Der Partitionsschlüssel, den der Producer angegeben hat; er hat den Shard bestimmt.</translation>
    </message>
    <message>
        <source>approximateArrivalTimestamp: when the stream accepted the record.</source>
        <translation>approximateArrivalTimestamp: wann der Stream den Datensatz angenommen hat.</translation>
    </message>
    <message>
        <source>The size of the record&apos;s data.</source>
        <translation>Die Größe der Daten des Datensatzes.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordTailView</name>
    <message>
        <source>&amp;Copy as JSON lines</source>
        <translation>Als JSON Lines &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>Auswahl &amp;exportieren…</translation>
    </message>
    <message>
        <source>Filter by text in the data</source>
        <translation>Nach Text in den Daten filtern</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop taking in new records so that you can look at these (the shard goes on).</source>
        <translation>Keine neuen Datensätze mehr aufnehmen, damit Sie sich diese ansehen können (der Shard läuft weiter).</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>%1 records · %2</source>
        <translation>%1 Datensätze · %2</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>Datensätze exportieren</translation>
    </message>
    <message>
        <source>Capture files (*.jsonl *.jsonl.gz);;All files (*)</source>
        <translation>Capture-Dateien (*.jsonl *.jsonl.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Paused while you look at the record you picked; Resume follows the tail again.</source>
        <translation>Angehalten, während Sie den gewählten Datensatz ansehen; Fortsetzen folgt dem Tail wieder.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ReplayBar</name>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Feed the next 500 records, then stay paused.</source>
        <translation>Die nächsten 500 Datensätze einspeisen, dann pausiert bleiben.</translation>
    </message>
    <message>
        <source>How fast records go in: as they arrived, faster, or as fast as possible.</source>
        <translation>Wie schnell Datensätze eingespeist werden: wie sie ankamen, schneller oder so schnell wie möglich.</translation>
    </message>
    <message>
        <source>1x (as recorded)</source>
        <translation>1x (wie aufgezeichnet)</translation>
    </message>
    <message>
        <source>10x</source>
        <translation>10x</translation>
    </message>
    <message>
        <source>100x</source>
        <translation>100x</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>all records in; the shards end once the daemon holds them</source>
        <translation>alle Datensätze eingespeist; die Shards enden, sobald der Daemon sie hält</translation>
    </message>
    <message>
        <source>replay complete: every shard reached SHARD_END</source>
        <translation>Wiedergabe abgeschlossen: jeder Shard hat SHARD_END erreicht</translation>
    </message>
    <message>
        <source>%1 records fed</source>
        <translation>%1 Datensätze eingespeist</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ReplaySession</name>
    <message>
        <source>cannot create a private folder for the replay: %1</source>
        <translation>für die Wiedergabe kann kein privater Ordner angelegt werden: %1</translation>
    </message>
    <message>
        <source>replay: %1</source>
        <translation>Wiedergabe: %1</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ResetCheckpointDialog</name>
    <message>
        <source>Reset checkpoint of %1</source>
        <translation>Checkpoint von %1 zurücksetzen</translation>
    </message>
    <message>
        <source>TRIM_HORIZON (the oldest record kept)</source>
        <translation>TRIM_HORIZON (der älteste vorgehaltene Datensatz)</translation>
    </message>
    <message>
        <source>LATEST (only new records)</source>
        <translation>LATEST (nur neue Datensätze)</translation>
    </message>
    <message>
        <source>A sequence number</source>
        <translation>Eine Sequenznummer</translation>
    </message>
    <message>
        <source>e.g. 49590338271490256608559692538361571095921575989136588898</source>
        <translation>z. B. 49590338271490256608559692538361571095921575989136588898</translation>
    </message>
    <message>
        <source>Reset…</source>
        <translation>Zurücksetzen…</translation>
    </message>
    <message>
        <source>Application:</source>
        <translation>Anwendung:</translation>
    </message>
    <message>
        <source>Shard:</source>
        <translation>Shard:</translation>
    </message>
    <message>
        <source>Checkpoint now:</source>
        <translation>Checkpoint jetzt:</translation>
    </message>
    <message>
        <source>Move it to:</source>
        <translation>Verschieben nach:</translation>
    </message>
    <message>
        <source>Sequence number:</source>
        <translation>Sequenznummer:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a sequence number: digits only, at most 129</source>
        <translation>&apos;%1&apos; ist keine Sequenznummer: nur Ziffern, höchstens 129</translation>
    </message>
    <message>
        <source>Move the checkpoint of shard %1 in application %2 from %3 to %4?

The next worker to take the lease resumes from there; records may be processed again or skipped.</source>
        <translation>Den Checkpoint von Shard %1 in der Anwendung %2 von %3 auf %4 verschieben?

Der nächste Worker, der den Lease übernimmt, setzt dort fort; Datensätze können erneut verarbeitet oder übersprungen werden.</translation>
    </message>
    <message>
        <source>Reset checkpoint</source>
        <translation>Checkpoint zurücksetzen</translation>
    </message>
    <message>
        <source>A time (the first record at or after it comes next)</source>
        <translation>Ein Zeitpunkt (als Nächstes kommt der erste Datensatz ab diesem Zeitpunkt)</translation>
    </message>
    <message>
        <source>Take the lease from %1</source>
        <translation>Lease von %1 übernehmen</translation>
    </message>
    <message>
        <source>%1 is alive: its lease counter moved within the failover time. It loses the lease and its current batch may be processed again by the next owner.</source>
        <translation>%1 ist aktiv: sein Lease-Zähler hat sich innerhalb der Failover-Zeit bewegt. Er verliert den Lease, und sein aktueller Batch wird vom nächsten Besitzer möglicherweise erneut verarbeitet.</translation>
    </message>
    <message>
        <source>Held by:</source>
        <translation>Gehalten von:</translation>
    </message>
    <message>
        <source>%1 (a live worker)</source>
        <translation>%1 (ein aktiver Worker)</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <source>%1 holds this lease and is alive: tick &quot;Take the lease from %1&quot; to reset anyway.</source>
        <translation>%1 hält diesen Lease und ist aktiv: kreuzen Sie „Lease von %1 übernehmen“ an, um trotzdem zurückzusetzen.</translation>
    </message>
    <message>
        <source>%1 holds the lease now and loses it.</source>
        <translation>%1 hält den Lease jetzt und verliert ihn.</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ShardTableModel</name>
    <message>
        <source>%1 (this process)</source>
        <translation>%1 (dieser Prozess)</translation>
    </message>
    <message>
        <source>here</source>
        <translation>hier</translation>
    </message>
    <message>
        <source>%1 (other worker)</source>
        <translation>%1 (anderer Worker)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>by policy</source>
        <translation>per Richtlinie</translation>
    </message>
    <message>
        <source>pending since %1</source>
        <translation>ausstehend seit %1</translation>
    </message>
    <message>
        <source>ok %1 (%2)</source>
        <translation>ok %1 (%2)</translation>
    </message>
    <message>
        <source>failed %1: %2</source>
        <translation>fehlgeschlagen %1: %2</translation>
    </message>
    <message>
        <source>/s</source>
        <translation>/s</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Eltern</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Lease owner</source>
        <translation>Lease-Besitzer</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Last processed</source>
        <translation>Zuletzt verarbeitet</translation>
    </message>
    <message>
        <source>Behind latest</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <source>Records/s</source>
        <translation>Datensätze/s</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <source>Last checkpoint</source>
        <translation>Letzter Checkpoint</translation>
    </message>
    <message>
        <source>Owner switches</source>
        <translation>Besitzerwechsel</translation>
    </message>
    <message>
        <source>The shard id (the lease key in the KCL lease table).</source>
        <translation>Die Shard-ID (der Lease-Schlüssel in der KCL-Lease-Tabelle).</translation>
    </message>
    <message>
        <source>The shards this one was split or merged from; it starts only after they reach SHARD_END.</source>
        <translation>Die Shards, aus deren Teilung oder Zusammenführung dieser entstand; er startet erst, wenn sie SHARD_END erreicht haben.</translation>
    </message>
    <message>
        <source>What is happening to the shard: processing here or by another worker, waiting for its parents, ended, failed.</source>
        <translation>Was mit dem Shard geschieht: Verarbeitung hier oder durch einen anderen Worker, wartet auf Eltern, beendet, fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The worker holding the lease (leaseOwner): this process, another worker, or nobody.</source>
        <translation>Der Worker, der den Lease hält (leaseOwner): dieser Prozess, ein anderer Worker oder niemand.</translation>
    </message>
    <message>
        <source>leaseCounter: the owner bumps it at every renewal; a counter that stops moving means the owner is gone.</source>
        <translation>leaseCounter: der Besitzer erhöht ihn bei jeder Erneuerung; bleibt der Zähler stehen, ist der Besitzer weg.</translation>
    </message>
    <message>
        <source>The lease&apos;s checkpoint: processing resumes after it.</source>
        <translation>Der Checkpoint des Leases: die Verarbeitung setzt danach fort.</translation>
    </message>
    <message>
        <source>The last record the processor here handled.</source>
        <translation>Der letzte Datensatz, den der Prozessor hier verarbeitet hat.</translation>
    </message>
    <message>
        <source>millisBehindLatest: how far behind the tip of the shard the last batch was.</source>
        <translation>millisBehindLatest: wie weit der letzte Batch hinter der Spitze des Shards lag.</translation>
    </message>
    <message>
        <source>Records handled here per second, over the last seconds.</source>
        <translation>Hier verarbeitete Datensätze pro Sekunde, über die letzten Sekunden.</translation>
    </message>
    <message>
        <source>Payload bytes handled here per second.</source>
        <translation>Hier verarbeitete Nutzdaten-Bytes pro Sekunde.</translation>
    </message>
    <message>
        <source>The last checkpoint asked for here: pending, ok or failed with the daemon&apos;s error.</source>
        <translation>Der zuletzt hier angeforderte Checkpoint: ausstehend, ok oder fehlgeschlagen mit dem Fehler des Daemons.</translation>
    </message>
    <message>
        <source>ownerSwitchesSinceCheckpoint: how often the lease changed hands since its last checkpoint.</source>
        <translation>ownerSwitchesSinceCheckpoint: wie oft der Lease seit seinem letzten Checkpoint den Besitzer gewechselt hat.</translation>
    </message>
    <message>
        <source>%1 (this console, not processing)</source>
        <translation>%1 (diese Konsole, verarbeitet nicht)</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <source>at shard end</source>
        <translation>am Shard-Ende</translation>
    </message>
    <message>
        <source>expired (was %1)</source>
        <translation>abgelaufen (war %1)</translation>
    </message>
    <message>
        <source>%1 behind the tip: at or over this stream&apos;s lag alert of %2</source>
        <translation>%1 hinter der Spitze: auf oder über der Lag-Warnung dieses Streams von %2</translation>
    </message>
    <message>
        <source>the lease&apos;s checkpoint is %1 behind the tip of the shard (measured at %2: no session in this process serves it)</source>
        <translation>der Checkpoint des Lease liegt %1 hinter dem Ende des Shards (gemessen um %2: keine Sitzung in diesem Prozess bedient ihn)</translation>
    </message>
</context>
<context>
    <name>qmld::ui::StreamListModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>backing off</source>
        <translation>wartet vor Neustart</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Daemon pid</source>
        <translation>Daemon-PID</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <source>The daemon: running, backing off before a restart, or failed with its last error (hover it).</source>
        <translation>Der Daemon: läuft, wartet vor einem Neustart oder ist mit seinem letzten Fehler fehlgeschlagen (Maus darüber halten).</translation>
    </message>
    <message>
        <source>How often the daemon was restarted since it was started.</source>
        <translation>Wie oft der Daemon seit seinem Start neu gestartet wurde.</translation>
    </message>
    <message>
        <source>The stream&apos;s name in the console.</source>
        <translation>Der Name des Streams in der Konsole.</translation>
    </message>
    <message>
        <source>The process id of the stream&apos;s daemon while it runs.</source>
        <translation>Die Prozess-ID des Daemons des Streams, solange er läuft.</translation>
    </message>
    <message>
        <source>How long the current daemon has been running.</source>
        <translation>Wie lange der aktuelle Daemon schon läuft.</translation>
    </message>
    <message>
        <source>The shards of the stream known to the console: from the lease table and the sessions here.</source>
        <translation>Die der Konsole bekannten Shards des Streams: aus der Lease-Tabelle und den Sessions hier.</translation>
    </message>
    <message>
        <source>%1 · ⚠ lag</source>
        <translation>%1 · ⚠ Lag</translation>
    </message>
    <message>
        <source>%1; shards are over the stream&apos;s lag alert</source>
        <translation>%1; Shards liegen über der Lag-Warnung des Streams</translation>
    </message>
</context>
<context>
    <name>qmld::ui::StreamSettingsDialog</name>
    <message>
        <source>Stream settings</source>
        <translation>Stream-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>The console&apos;s own name for this stream; not sent to the daemon.</source>
        <translation>Der konsoleneigene Name für diesen Stream; wird nicht an den Daemon gesendet.</translation>
    </message>
    <message>
        <source>&amp;Application name:</source>
        <translation>&amp;Anwendungsname:</translation>
    </message>
    <message>
        <source>applicationName: the KCL application; it names the lease table that workers share.</source>
        <translation>applicationName: die KCL-Anwendung; sie benennt die Lease-Tabelle, die sich die Worker teilen.</translation>
    </message>
    <message>
        <source>&amp;Stream:</source>
        <translation>&amp;Stream:</translation>
    </message>
    <message>
        <source>streamName (or streamArn when an ARN is given): the Kinesis or DynamoDB stream to read.</source>
        <translation>streamName (oder streamArn, wenn ein ARN angegeben ist): der zu lesende Kinesis- oder DynamoDB-Stream.</translation>
    </message>
    <message>
        <source>for example us-east-1</source>
        <translation>zum Beispiel us-east-1</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>regionName: the AWS region of the stream; not needed by the embedded daemon.</source>
        <translation>regionName: die AWS-Region des Streams; für den eingebetteten Daemon nicht nötig.</translation>
    </message>
    <message>
        <source>&amp;Initial position:</source>
        <translation>Start&amp;position:</translation>
    </message>
    <message>
        <source>initialPositionInStream: where a shard without a checkpoint starts: the oldest record, the newest, or a point in time.</source>
        <translation>initialPositionInStream: wo ein Shard ohne Checkpoint beginnt: beim ältesten Datensatz, beim neuesten oder zu einem Zeitpunkt.</translation>
    </message>
    <message>
        <source>&amp;Timestamp:</source>
        <translation>&amp;Zeitstempel:</translation>
    </message>
    <message>
        <source>initialPositionInStreamExtended and timestampAtInitialPositionInStream: the start time for AT_TIMESTAMP, written as epoch seconds.</source>
        <translation>initialPositionInStreamExtended und timestampAtInitialPositionInStream: die Startzeit für AT_TIMESTAMP, als Epoch-Sekunden geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Max records:</source>
        <translation>&amp;Max. Datensätze:</translation>
    </message>
    <message>
        <source>maxRecords: the most records one processRecords call delivers (1 to 10000).</source>
        <translation>maxRecords: die höchste Zahl von Datensätzen, die ein processRecords-Aufruf liefert (1 bis 10000).</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>I&amp;dle time between reads:</source>
        <translation>&amp;Wartezeit zwischen Lesevorgängen:</translation>
    </message>
    <message>
        <source>idleTimeBetweenReadsInMillis: how long a shard consumer waits between two reads.</source>
        <translation>idleTimeBetweenReadsInMillis: wie lange ein Shard-Consumer zwischen zwei Lesevorgängen wartet.</translation>
    </message>
    <message>
        <source>&amp;Failover time:</source>
        <translation>&amp;Failover-Zeit:</translation>
    </message>
    <message>
        <source>failoverTimeMillis: how long a lease may go unrenewed before another worker takes it.</source>
        <translation>failoverTimeMillis: wie lange ein Lease unerneuert bleiben darf, bevor ein anderer Worker ihn übernimmt.</translation>
    </message>
    <message>
        <source>Dae&amp;mon:</source>
        <translation>&amp;Daemon:</translation>
    </message>
    <message>
        <source>The MultiLangDaemon to run: the embedded qmld-daemon, a KCL preset (needs Java), or a command of your own containing {properties}.</source>
        <translation>Der auszuführende MultiLangDaemon: der eingebettete qmld-daemon, eine KCL-Vorgabe (braucht Java) oder ein eigener Befehl mit {properties}.</translation>
    </message>
    <message>
        <source>empty: $QMLD_JAVA_CLASSPATH</source>
        <translation>leer: $QMLD_JAVA_CLASSPATH</translation>
    </message>
    <message>
        <source>&amp;Java classpath:</source>
        <translation>&amp;Java-Classpath:</translation>
    </message>
    <message>
        <source>The classpath (jar files, &apos;:&apos;-separated) of the KCL MultiLangDaemon; KCL presets only.</source>
        <translation>Der Classpath (JAR-Dateien, durch &apos;:&apos; getrennt) des KCL-MultiLangDaemon; nur für KCL-Vorgaben.</translation>
    </message>
    <message>
        <source>&amp;Credentials provider:</source>
        <translation>&amp;Credentials-Provider:</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider: the AWS SDK class the KCL gets credentials from.</source>
        <translation>AWSCredentialsProvider: die AWS-SDK-Klasse, von der die KCL die Zugangsdaten bezieht.</translation>
    </message>
    <message>
        <source>empty: chosen by the daemon</source>
        <translation>leer: wählt der Daemon</translation>
    </message>
    <message>
        <source>&amp;Worker id:</source>
        <translation>W&amp;orker-ID:</translation>
    </message>
    <message>
        <source>workerId: this worker&apos;s name in the lease table (leaseOwner); unique per worker.</source>
        <translation>workerId: der Name dieses Workers in der Lease-Tabelle (leaseOwner); eindeutig pro Worker.</translation>
    </message>
    <message>
        <source>empty: the default store</source>
        <translation>leer: der Standard-Store</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the embedded store file.</source>
        <translation>Die Datei des eingebetteten Stores wählen.</translation>
    </message>
    <message>
        <source>S&amp;tore:</source>
        <translation>S&amp;tore:</translation>
    </message>
    <message>
        <source>qmldStore: the embedded daemon&apos;s SQLite store holding streams and leases.</source>
        <translation>qmldStore: der SQLite-Store des eingebetteten Daemons mit Streams und Leases.</translation>
    </message>
    <message>
        <source>Off (by hand only)</source>
        <translation>Aus (nur von Hand)</translation>
    </message>
    <message>
        <source>Every N records</source>
        <translation>Alle N Datensätze</translation>
    </message>
    <message>
        <source>Every N seconds</source>
        <translation>Alle N Sekunden</translation>
    </message>
    <message>
        <source>When the console&apos;s worker checkpoints on its own.</source>
        <translation>Wann der Worker der Konsole selbständig Checkpoints setzt.</translation>
    </message>
    <message>
        <source>C&amp;heckpoint:</source>
        <translation>C&amp;heckpoint:</translation>
    </message>
    <message>
        <source>N: records or seconds between automatic checkpoints.</source>
        <translation>N: Datensätze oder Sekunden zwischen automatischen Checkpoints.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Read the settings from a KCL .properties file.</source>
        <translation>Die Einstellungen aus einer KCL-.properties-Datei lesen.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write these settings as a KCL .properties file.</source>
        <translation>Diese Einstellungen als KCL-.properties-Datei schreiben.</translation>
    </message>
    <message>
        <source>Embedded store</source>
        <translation>Eingebetteter Store</translation>
    </message>
    <message>
        <source>SQLite store (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Store (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source> records</source>
        <translation> Datensätze</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Import KCL properties</source>
        <translation>KCL-Properties importieren</translation>
    </message>
    <message>
        <source>Properties files (*.properties);;All files (*)</source>
        <translation>Properties-Dateien (*.properties);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 importiert.</translation>
    </message>
    <message>
        <source>Export KCL properties</source>
        <translation>KCL-Properties exportieren</translation>
    </message>
    <message>
        <source>Exported by qmld-console</source>
        <translation>Exportiert von qmld-console</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>empty: the console&apos;s inspector only</source>
        <translation>leer: nur der Inspektor der Konsole</translation>
    </message>
    <message>
        <source>Choose a processor plugin (a .so built against qmld).</source>
        <translation>Ein Prozessor-Plugin wählen (eine gegen qmld gebaute .so).</translation>
    </message>
    <message>
        <source>&amp;Processor plugin:</source>
        <translation>Prozessor-P&amp;lugin:</translation>
    </message>
    <message>
        <source>Your own RecordProcessor as a Qt plugin: it processes every shard next to the console&apos;s previews; if it throws, only its shard fails.</source>
        <translation>Ihr eigener RecordProcessor als Qt-Plugin: er verarbeitet jeden Shard neben den Vorschauen der Konsole; wirft er eine Ausnahme, schlägt nur sein Shard fehl.</translation>
    </message>
    <message>
        <source>The plugin&apos;s argument (its meaning is the plugin&apos;s).</source>
        <translation>Das Argument des Plugins (seine Bedeutung bestimmt das Plugin).</translation>
    </message>
    <message>
        <source>Plugin ar&amp;gument:</source>
        <translation>Plugin-Ar&amp;gument:</translation>
    </message>
    <message>
        <source>Processor plugin</source>
        <translation>Prozessor-Plugin</translation>
    </message>
    <message>
        <source>Plugins (*.so);;All files (*)</source>
        <translation>Plugins (*.so);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>&amp;Lag alert:</source>
        <translation>&amp;Lag-Warnung:</translation>
    </message>
    <message>
        <source>A shard at least this far behind the tip of the stream is marked in the shard table and the stream list, and raises one desktop notification each time it crosses the threshold; 0 is off.</source>
        <translation>Ein Shard, der mindestens so weit hinter der Spitze des Streams liegt, wird in der Shard-Tabelle und der Stream-Liste markiert und löst bei jedem Überschreiten der Schwelle eine Desktop-Benachrichtigung aus; 0 ist aus.</translation>
    </message>
</context>
</TS>
