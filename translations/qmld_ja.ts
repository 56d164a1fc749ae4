<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>DaemonPreset</name>
    <message>
        <source>daemon command &apos;%1&apos; names no program</source>
        <translation>デーモンコマンド &apos;%1&apos; にプログラムが指定されていません</translation>
    </message>
    <message>
        <source>unknown daemon &apos;%1&apos;: use one of %2, or a command containing {properties}</source>
        <translation>不明なデーモン &apos;%1&apos;: %2 のいずれか、または {properties} を含むコマンドを指定してください</translation>
    </message>
    <message>
        <source>cannot find java for the %1 daemon: set JAVA or JAVA_HOME, or put java on PATH</source>
        <translation>%1 デーモン用の java が見つかりません: JAVA または JAVA_HOME を設定するか、java を PATH に置いてください</translation>
    </message>
    <message>
        <source>the %1 daemon needs the KCL jars: set the Java classpath option or QMLD_JAVA_CLASSPATH</source>
        <translation>%1 デーモンには KCL の JAR が必要です: Java クラスパスのオプションか QMLD_JAVA_CLASSPATH を設定してください</translation>
    </message>
    <message>
        <source>daemon program %1 does not exist</source>
        <translation>デーモンプログラム %1 が存在しません</translation>
    </message>
    <message>
        <source>daemon program %1 is not an executable file</source>
        <translation>デーモンプログラム %1 は実行可能ファイルではありません</translation>
    </message>
    <message>
        <source>daemon program %1 is not on PATH</source>
        <translation>デーモンプログラム %1 が PATH にありません</translation>
    </message>
    <message>
        <source>classpath entry %1 holds no jar</source>
        <translation>クラスパスのエントリ %1 に JAR がありません</translation>
    </message>
    <message>
        <source>classpath entry %1 does not exist</source>
        <translation>クラスパスのエントリ %1 は存在しません</translation>
    </message>
    <message>
        <source>the %1 daemon needs the KCL jars: run &apos;qmld kcl install --version %2&apos;, or set the Java classpath option or QMLD_JAVA_CLASSPATH</source>
        <translation>%1 デーモンには KCL の JAR が必要です: &apos;qmld kcl install --version %2&apos; を実行するか、Java クラスパスのオプションまたは QMLD_JAVA_CLASSPATH を設定してください</translation>
    </message>
    <message>
        <source>the %1 daemon cannot start: %2</source>
        <translation>%1 デーモンを起動できません: %2</translation>
    </message>
</context>
<context>
    <name>JavaProperties</name>
    <message>
        <source>cannot read properties file %1: %2</source>
        <translation>プロパティファイル %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>%1:%2: malformed \uXXXX escape</source>
        <translation>%1:%2: \uXXXX エスケープが不正です</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;プロパティ&gt;</translation>
    </message>
    <message>
        <source>cannot write properties file %1: %2</source>
        <translation>プロパティファイル %1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>KclApplication</name>
    <message>
        <source>%1 (or %2)</source>
        <translation>%1（または %2）</translation>
    </message>
    <message>
        <source>the required key %1 is empty</source>
        <translation>必須キー %1 が空です</translation>
    </message>
    <message>
        <source>the required key %1 is missing</source>
        <translation>必須キー %1 がありません</translation>
    </message>
    <message>
        <source>a whole number of at least %1</source>
        <translation>%1 以上の整数</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>%1 から %2 までの整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true または false</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 のいずれか</translation>
    </message>
    <message>
        <source>a time in seconds since the epoch</source>
        <translation>エポックからの秒数で表した時刻</translation>
    </message>
    <message>
        <source>%1 = &apos;%2&apos; is not valid: expected %3</source>
        <translation>%1 = &apos;%2&apos; は無効です（期待される値: %3）</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;プロパティ&gt;</translation>
    </message>
    <message>
        <source>TRIM_HORIZON, LATEST or AT_TIMESTAMP</source>
        <translation>TRIM_HORIZON、LATEST、AT_TIMESTAMP のいずれか</translation>
    </message>
    <message>
        <source>initialPositionInStream = AT_TIMESTAMP needs initialPositionInStreamExtended (epoch seconds)</source>
        <translation>initialPositionInStream = AT_TIMESTAMP には initialPositionInStreamExtended（エポック秒）が必要です</translation>
    </message>
</context>
<context>
    <name>KplText</name>
    <message>
        <source>KPL aggregate</source>
        <translation>KPL 集約レコード</translation>
    </message>
    <message>
        <source>erlmld aggregate</source>
        <translation>erlmld 集約レコード</translation>
    </message>
    <message>
        <source>deflated erlmld aggregate</source>
        <translation>圧縮された erlmld 集約レコード</translation>
    </message>
    <message>
        <source>Record %1: malformed %2 (%3); delivered as one record</source>
        <translation>レコード %1: 不正な %2（%3）。1 件のレコードとして配信しました</translation>
    </message>
    <message>
        <source>deflated aggregate of %1 bytes is too large</source>
        <translation>%1 バイトの圧縮集約レコードは大きすぎます</translation>
    </message>
    <message>
        <source>zlib could not be initialized</source>
        <translation>zlib を初期化できませんでした</translation>
    </message>
    <message>
        <source>deflated aggregate expands beyond %1 bytes</source>
        <translation>圧縮集約レコードの展開後のサイズが %1 バイトを超えます</translation>
    </message>
    <message>
        <source>bad zlib stream</source>
        <translation>不正な zlib ストリーム</translation>
    </message>
    <message>
        <source>bad protobuf</source>
        <translation>不正な protobuf</translation>
    </message>
    <message>
        <source>bad protobuf in user record %1</source>
        <translation>ユーザーレコード %1 の protobuf が不正です</translation>
    </message>
    <message>
        <source>user record %1 refers to partition key %2 of %3</source>
        <translation>ユーザーレコード %1 は %3 個中のパーティションキー %2 を参照しています</translation>
    </message>
    <message>
        <source>user record %1 refers to explicit hash key %2 of %3</source>
        <translation>ユーザーレコード %1 は %3 個中の明示的ハッシュキー %2 を参照しています</translation>
    </message>
    <message>
        <source>not an aggregated record</source>
        <translation>集約レコードではありません</translation>
    </message>
    <message>
        <source>too short (%1 bytes after the magic)</source>
        <translation>短すぎます（マジックナンバーの後 %1 バイト）</translation>
    </message>
    <message>
        <source>bad MD5 checksum</source>
        <translation>MD5 チェックサムが不正です</translation>
    </message>
</context>
<context>
    <name>LagMeter</name>
    <message>
        <source>no lag for the shards of stream %1: %2</source>
        <translation>ストリーム %1 のシャードの遅延を取得できません: %2</translation>
    </message>
</context>
<context>
    <name>LeaseReset</name>
    <message>
        <source>%1 is in the future: records that arrive before it would be processed too</source>
        <translation>%1 は未来の時刻です: それより前に到着するレコードも処理されます</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has no record with sequence number %3</source>
        <translation>ストリーム「%2」のシャード %1 にはシーケンス番号 %3 のレコードがありません</translation>
    </message>
    <message>
        <source>unknown reset target</source>
        <translation>不明なリセット先</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time: AT_TIMESTAMP:2026-12-06T10:00:00Z or AT_TIMESTAMP:&lt;epoch milliseconds&gt;</source>
        <translation>AT_TIMESTAMP には時刻が必要です: AT_TIMESTAMP:2026-12-06T10:00:00Z または AT_TIMESTAMP:&lt;エポックミリ秒&gt;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time: use ISO 8601 (2026-12-06T10:00:00Z) or epoch milliseconds</source>
        <translation>&apos;%1&apos; は時刻ではありません: ISO 8601（2026-12-06T10:00:00Z）またはエポックミリ秒で指定してください</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not TRIM_HORIZON, LATEST, AT_TIMESTAMP:T or a sequence number</source>
        <translation>&apos;%1&apos; は TRIM_HORIZON、LATEST、AT_TIMESTAMP:T、シーケンス番号のいずれでもありません</translation>
    </message>
    <message>
        <source>shard %1 of application table &quot;%2&quot;</source>
        <translation>アプリケーションテーブル「%2」のシャード %1</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; has no lease for shard %2 (%3)</source>
        <translation>リーステーブル「%1」にシャード %2 のリースがありません（%3）</translation>
    </message>
    <message>
        <source>cannot reset %1: %2</source>
        <translation>%1 をリセットできません: %2</translation>
    </message>
    <message>
        <source>%1 is held by %2: watching its lease counter for %3 ms (failoverTimeMillis) to see whether that worker is alive; --force skips this</source>
        <translation>%1 は %2 が保持しています: そのワーカーが稼働中か確かめるため、リースカウンターを %3 ミリ秒（failoverTimeMillis）監視します。--force でこの確認を省略できます</translation>
    </message>
    <message>
        <source>the lease of %1 was deleted while watching it</source>
        <translation>監視中に %1 のリースが削除されました</translation>
    </message>
    <message>
        <source>%1 is held by %2, a live worker (its lease counter moved within %3 ms): stop that worker first, or force it and that worker loses the lease</source>
        <translation>%1 は稼働中のワーカー %2 が保持しています（リースカウンターが %3 ミリ秒以内に変化しました）: 先にそのワーカーを停止するか、強制してください。強制するとそのワーカーはリースを失います</translation>
    </message>
    <message>
        <source>the lease of %1 changed while resetting it (a worker took, renewed or checkpointed it): nothing was written, try again</source>
        <translation>リセット中に %1 のリースが変更されました（ワーカーが取得、更新、またはチェックポイントしました）: 何も書き込んでいません。もう一度試してください</translation>
    </message>
    <message>
        <source>reset the checkpoint of %1 from %2 to %3</source>
        <translation>%1 のチェックポイントを %2 から %3 にリセットしました</translation>
    </message>
    <message>
        <source>%1 cannot be checked against the stream here: use TRIM_HORIZON or LATEST</source>
        <translation>%1 はここではストリームと照合できません: TRIM_HORIZON か LATEST を使ってください</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Demo</source>
        <translation>デモ</translation>
    </message>
    <message>
        <source>qmld-console: --start: no saved stream %1</source>
        <translation>qmld-console: --start: 保存されたストリーム %1 はありません</translation>
    </message>
    <message>
        <source>qmld-console: signal %1: stopping every stream (again to quit at once)</source>
        <translation>qmld-console: シグナル %1: すべてのストリームを停止します（もう一度送るとすぐに終了します）</translation>
    </message>
    <message>
        <source>qmld-console: the demo cannot start: %1</source>
        <translation>qmld-console: デモを開始できません: %1</translation>
    </message>
    <message>
        <source>qmld-console: cannot save the screenshot to %1</source>
        <translation>qmld-console: スクリーンショットを %1 に保存できません</translation>
    </message>
</context>
<context>
    <name>StreamSettings</name>
    <message>
        <source>the stream needs a name</source>
        <translation>ストリームには名前が必要です</translation>
    </message>
    <message>
        <source>another stream is already called &quot;%1&quot;</source>
        <translation>「%1」という名前のストリームはすでにあります</translation>
    </message>
    <message>
        <source>applicationName is required</source>
        <translation>applicationName は必須です</translation>
    </message>
    <message>
        <source>applicationName may hold only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; (it names the lease table)</source>
        <translation>applicationName に使えるのは英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos; だけです（リーステーブルの名前になります）</translation>
    </message>
    <message>
        <source>streamName is required (a stream name or ARN)</source>
        <translation>streamName は必須です（ストリーム名または ARN）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kinesis or DynamoDB stream ARN</source>
        <translation>「%1」は Kinesis または DynamoDB のストリーム ARN ではありません</translation>
    </message>
    <message>
        <source>a stream name holds 1 to 128 letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>ストリーム名は英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos; の 1～128 文字です</translation>
    </message>
    <message>
        <source>regionName is required for the KCL daemons</source>
        <translation>KCL デーモンには regionName が必要です</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an AWS region such as us-east-1</source>
        <translation>「%1」は us-east-1 のような AWS リージョンではありません</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time after 1970-01-01</source>
        <translation>AT_TIMESTAMP には 1970-01-01 より後の時刻が必要です</translation>
    </message>
    <message>
        <source>choose a daemon preset or enter a command with {properties}</source>
        <translation>デーモンのプリセットを選ぶか、{properties} を含むコマンドを入力してください</translation>
    </message>
    <message>
        <source>the Java classpath must be one line</source>
        <translation>Java クラスパスは 1 行で指定してください</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider is required</source>
        <translation>AWSCredentialsProvider は必須です</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider is a class name; it holds no spaces</source>
        <translation>AWSCredentialsProvider はクラス名です。空白は含められません</translation>
    </message>
    <message>
        <source>workerId must not start or end with spaces</source>
        <translation>workerId の先頭と末尾に空白は使えません</translation>
    </message>
    <message>
        <source>qmldStore is a file, and %1 is a folder</source>
        <translation>qmldStore にはファイルを指定します。%1 はフォルダーです</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>フォルダー %1 がありません</translation>
    </message>
    <message>
        <source>%1: %2 = &quot;%3&quot; is not %4</source>
        <translation>%1: %2 = 「%3」は無効です（%4 を指定してください）</translation>
    </message>
    <message>
        <source>&lt;properties&gt;</source>
        <translation>&lt;プロパティ&gt;</translation>
    </message>
    <message>
        <source>%1: not a KCL properties file (neither applicationName nor streamName is set)</source>
        <translation>%1: KCL プロパティファイルではありません（applicationName も streamName も設定されていません）</translation>
    </message>
    <message>
        <source>off, records:N or seconds:N</source>
        <translation>off、records:N、seconds:N のいずれか</translation>
    </message>
    <message>
        <source>the processor plugin %1 does not exist</source>
        <translation>プロセッサープラグイン %1 が存在しません</translation>
    </message>
    <message>
        <source>the lag alert must be between 0 (off) and %1 s, not %2</source>
        <translation>遅延アラートは 0（オフ）から %1 秒の間でなければなりません（%2 ではなく）</translation>
    </message>
    <message>
        <source>the checkpoint interval must be at least 1, not %1</source>
        <translation>チェックポイントの間隔は 1 以上にしてください（現在は %1）</translation>
    </message>
</context>
<context>
    <name>qmld-console</name>
    <message>
        <source>Run the embedded demo stream.</source>
        <translation>組み込みのデモストリームを実行します。</translation>
    </message>
    <message>
        <source>The embedded store (default: $QMLD_STORE, else the per-user store).</source>
        <translation>組み込みストア（既定: $QMLD_STORE、未設定ならユーザーごとのストア）。</translation>
    </message>
    <message>
        <source>The language of the console: en, de, ja (default: the system&apos;s).</source>
        <translation>コンソールの言語: en、de、ja（既定: システムの言語）。</translation>
    </message>
    <message>
        <source>Milliseconds to run before --screenshot (default 3000).</source>
        <translation>--screenshot までの実行時間（ミリ秒、既定 3000）。</translation>
    </message>
    <message>
        <source>Try &apos;qmld-console --help&apos;.</source>
        <translation>&apos;qmld-console --help&apos; を参照してください。</translation>
    </message>
    <message>
        <source>qmld-console: unexpected argument &apos;%1&apos;</source>
        <translation>qmld-console: 予期しない引数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>qmld-console: --after takes milliseconds, not &apos;%1&apos;</source>
        <translation>qmld-console: --after にはミリ秒を指定してください（&apos;%1&apos; は無効です）</translation>
    </message>
    <message>
        <source>Open a capture file as a stream of its own (repeatable).</source>
        <translation>キャプチャファイルを独立したストリームとして開きます（複数指定可）。</translation>
    </message>
    <message>
        <source>qmld-console: --replay: no capture file %1</source>
        <translation>qmld-console: --replay: キャプチャファイル %1 がありません</translation>
    </message>
    <message>
        <source>The qmld operations console: live lease ownership, per-shard lag, record previews
and manual checkpoints for KCL MultiLangDaemon applications.

--demo runs a local stream &apos;demo&apos; (4 shards, a producer of shop events with bursts)
through the embedded daemon, with a second worker in the background: no AWS, no Java.

SIGTERM, SIGINT and SIGHUP quit as File &gt; Quit does: every stream is stopped the
graceful way (its children get shutdownRequested and may checkpoint), then the
console exits with status 0. A second signal ends it at once.</source>
        <translation>qmld 運用コンソール: KCL MultiLangDaemon アプリケーションのリース所有状況のライブ表示、
シャードごとの遅延、レコードのプレビュー、手動チェックポイント。

--demo はローカルストリーム &apos;demo&apos;（4 シャード、バーストのあるショップイベントのプロデューサー）を
組み込みデーモンで実行し、バックグラウンドで 2 つ目のワーカーも動かします。AWS も Java も不要です。

SIGTERM、SIGINT、SIGHUP では「ファイル &gt; 終了」と同じように終了します: すべてのストリームを
正しい手順で停止し（子プロセスは shutdownRequested を受け取り、チェックポイントを設定できます）、
ステータス 0 で終了します。2 回目のシグナルですぐに終了します。</translation>
    </message>
    <message>
        <source>Start this saved stream at once (repeatable).</source>
        <translation>この保存済みストリームをすぐに開始します（繰り返し指定可）。</translation>
    </message>
    <message>
        <source>Open the AWS streams window and list the streams of the profile, region and endpoint last used there (else AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_KINESIS).</source>
        <translation>AWS ストリームのウィンドウを開き、前回そこで使ったプロファイル・リージョン・エンドポイント（なければ AWS_PROFILE、AWS_REGION、AWS_ENDPOINT_URL_KINESIS）のストリームを一覧します。</translation>
    </message>
    <message>
        <source>Open this Kinesis stream in the AWS streams window (implies --aws).</source>
        <translation>この Kinesis ストリームを AWS ストリームのウィンドウで開きます（--aws を含みます）。</translation>
    </message>
    <message>
        <source>Tail this shard of the --aws-stream (shardId-000000000000, or just 0).</source>
        <translation>--aws-stream のこのシャードを追跡表示します（shardId-000000000000、または単に 0）。</translation>
    </message>
    <message>
        <source>Where --aws-tail starts: TRIM_HORIZON (default), LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T.</source>
        <translation>--aws-tail の開始位置: TRIM_HORIZON（既定）、LATEST、AT_SEQUENCE_NUMBER:SEQ、AFTER_SEQUENCE_NUMBER:SEQ、AT_TIMESTAMP:T。</translation>
    </message>
    <message>
        <source>Save a PNG of the main window (of the AWS streams window with --aws), then exit.</source>
        <translation>メインウィンドウ（--aws なら AWS ストリームのウィンドウ）の PNG を保存して終了します。</translation>
    </message>
    <message>
        <source>qmld-console: --aws-tail needs --aws-stream NAME</source>
        <translation>qmld-console: --aws-tail には --aws-stream NAME が必要です</translation>
    </message>
    <message>
        <source>qmld-console: --aws-from &apos;%1&apos; is not TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER:SEQ, AFTER_SEQUENCE_NUMBER:SEQ or AT_TIMESTAMP:T</source>
        <translation>qmld-console: --aws-from &apos;%1&apos; は TRIM_HORIZON、LATEST、AT_SEQUENCE_NUMBER:SEQ、AFTER_SEQUENCE_NUMBER:SEQ、AT_TIMESTAMP:T のいずれでもありません</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureFeeder</name>
    <message>
        <source>%1 lists no shards in its header: nothing to replay</source>
        <translation>%1 のヘッダーにシャードがありません: リプレイするものがありません</translation>
    </message>
    <message>
        <source>replay of %1: %2</source>
        <translation>%1 のリプレイ: %2</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureImporter</name>
    <message>
        <source>%1: the user records of aggregate %2 are not 0..%3 in the capture; they are imported as sub-sequence numbers 0..%3</source>
        <translation>%1: キャプチャ内の集約 %2 のユーザーレコードが 0..%3 になっていません。サブシーケンス番号 0..%3 としてインポートします</translation>
    </message>
    <message>
        <source>cannot import aggregate %1 of shard %2: its user records do not fit one KPL aggregate again (partition key &quot;%3&quot;)</source>
        <translation>シャード %2 の集約 %1 をインポートできません: ユーザーレコードが 1 つの KPL 集約に収まりません（パーティションキー「%3」）</translation>
    </message>
    <message>
        <source>%1: shard %2 has no valid hash key range in the header</source>
        <translation>%1: ヘッダーのシャード %2 に有効なハッシュキー範囲がありません</translation>
    </message>
    <message>
        <source>sequence number %1 of shard %2 does not follow %3: the shard&apos;s records are out of order</source>
        <translation>シャード %2 のシーケンス番号 %1 が %3 の後に続いていません: シャードのレコードの順序が正しくありません</translation>
    </message>
    <message>
        <source>sequence number %1 is before shard %2&apos;s starting sequence number %3</source>
        <translation>シーケンス番号 %1 はシャード %2 の開始シーケンス番号 %3 より前です</translation>
    </message>
    <message>
        <source>sequence number %1 is after closed shard %2&apos;s ending sequence number %3</source>
        <translation>シーケンス番号 %1 はクローズ済みシャード %2 の終了シーケンス番号 %3 より後です</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureReader</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>cannot start decompressing %1</source>
        <translation>%1 の展開を開始できません</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>%1: truncated gzip: the file ends inside the compressed stream, after line %2</source>
        <translation>%1: gzip が途中で切れています: 圧縮データの途中、%2 行目の後でファイルが終わっています</translation>
    </message>
    <message>
        <source>%1: corrupt gzip after line %2 (%3)</source>
        <translation>%1: %2 行目の後の gzip が壊れています（%3）</translation>
    </message>
    <message>
        <source>line longer than %1 bytes</source>
        <translation>行が %1 バイトを超えています</translation>
    </message>
    <message>
        <source>not JSON (%1)</source>
        <translation>JSON ではありません（%1）</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>オブジェクトではありません</translation>
    </message>
    <message>
        <source>%1: no header line: the file is empty</source>
        <translation>%1: ヘッダー行がありません: ファイルが空です</translation>
    </message>
    <message>
        <source>no header line: the first line has no formatVersion</source>
        <translation>ヘッダー行がありません: 1 行目に formatVersion がありません</translation>
    </message>
    <message>
        <source>formatVersion is not a positive integer</source>
        <translation>formatVersion が正の整数ではありません</translation>
    </message>
    <message>
        <source>unknown formatVersion %1: this qmld reads capture format %2; use a newer qmld</source>
        <translation>不明な formatVersion %1: この qmld が読めるのはキャプチャ形式 %2 です。新しい qmld を使ってください</translation>
    </message>
    <message>
        <source>capturedAt &quot;%1&quot; is not an ISO 8601 time</source>
        <translation>capturedAt「%1」は ISO 8601 形式の時刻ではありません</translation>
    </message>
    <message>
        <source>the header has no shards array</source>
        <translation>ヘッダーに shards 配列がありません</translation>
    </message>
    <message>
        <source>a shard in the header has no shardId</source>
        <translation>ヘッダーに shardId のないシャードがあります</translation>
    </message>
    <message>
        <source>shard %1 is listed twice in the header</source>
        <translation>シャード %1 がヘッダーに 2 回記載されています</translation>
    </message>
    <message>
        <source>shard %1&apos;s hash key range is not decimal</source>
        <translation>シャード %1 のハッシュキー範囲が 10 進数ではありません</translation>
    </message>
    <message>
        <source>shard %1 has a sequence number that is not decimal: &quot;%2&quot;</source>
        <translation>シャード %1 に 10 進数でないシーケンス番号があります:「%2」</translation>
    </message>
    <message>
        <source>missing shardId</source>
        <translation>shardId がありません</translation>
    </message>
    <message>
        <source>shard %1 is not in the header</source>
        <translation>シャード %1 はヘッダーにありません</translation>
    </message>
    <message>
        <source>missing sequenceNumber</source>
        <translation>sequenceNumber がありません</translation>
    </message>
    <message>
        <source>subSequenceNumber is not a non-negative integer</source>
        <translation>subSequenceNumber が 0 以上の整数ではありません</translation>
    </message>
    <message>
        <source>sequenceNumber is not a decimal sequence number</source>
        <translation>sequenceNumber が 10 進数のシーケンス番号ではありません</translation>
    </message>
    <message>
        <source>partitionKey is not a string</source>
        <translation>partitionKey が文字列ではありません</translation>
    </message>
    <message>
        <source>missing data</source>
        <translation>data がありません</translation>
    </message>
    <message>
        <source>data is not base64</source>
        <translation>data が Base64 ではありません</translation>
    </message>
    <message>
        <source>approximateArrivalTimestamp is not an integer (epoch milliseconds)</source>
        <translation>approximateArrivalTimestamp が整数（エポックミリ秒）ではありません</translation>
    </message>
    <message>
        <source>no header line: this is a record log, not a capture (a capture starts with a line holding formatVersion, stream and shards; see &apos;qmld capture --help&apos;)</source>
        <translation>ヘッダー行がありません: これはキャプチャではなくレコードログです（キャプチャは formatVersion、stream、shards を含む行で始まります。「qmld capture --help」 を参照）</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureWriter</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 を作成できません: %2</translation>
    </message>
    <message>
        <source>cannot make %1 private (mode 0600): %2</source>
        <translation>%1 を非公開（モード 0600）にできません: %2</translation>
    </message>
    <message>
        <source>cannot start compressing %1</source>
        <translation>%1 の圧縮を開始できません</translation>
    </message>
    <message>
        <source>capture file is not open</source>
        <translation>キャプチャファイルが開かれていません</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>cannot compress %1</source>
        <translation>%1 を圧縮できません</translation>
    </message>
</context>
<context>
    <name>qmld::CaptureWriterThread</name>
    <message numerus="yes">
        <source>the disk did not keep up (%1 waiting to be written): capture dropped after %n record(s)</source>
        <translation>
            <numerusform>ディスクが追いつきませんでした（書き込み待ち %1）: %n 件のレコードの後で記録を破棄しました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmld::CheckpointStatus</name>
    <message>
        <source>pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>qmld::LeaseSource</name>
    <message>
        <source>lease table &quot;%1&quot; in store %2</source>
        <translation>ストア %2 のリーステーブル「%1」</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>プロファイル %1</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; in DynamoDB</source>
        <translation>DynamoDB のリーステーブル「%1」</translation>
    </message>
    <message>
        <source>lease table &quot;%1&quot; in DynamoDB (%2)</source>
        <translation>DynamoDB のリーステーブル「%1」(%2)</translation>
    </message>
</context>
<context>
    <name>qmld::LeaseTable</name>
    <message>
        <source>no lease table name (applicationName or tableName) given for store %1</source>
        <translation>ストア %1 のリーステーブル名（applicationName または tableName）が指定されていません</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>ストア %1</translation>
    </message>
    <message>
        <source>reading a lease from</source>
        <translation>リースの読み込み</translation>
    </message>
    <message>
        <source>writing a lease to</source>
        <translation>リースの書き込み</translation>
    </message>
    <message>
        <source>deleting a lease from</source>
        <translation>リースの削除</translation>
    </message>
    <message>
        <source>reading the leases of</source>
        <translation>リース一覧の読み込み</translation>
    </message>
    <message>
        <source>cannot create a lease without a leaseKey and a checkpoint in %1</source>
        <translation>%1 に leaseKey とチェックポイントのないリースは作成できません</translation>
    </message>
    <message>
        <source>invalid checkpoint for lease %1 of %2</source>
        <translation>%2 のリース %1 のチェックポイントが無効です</translation>
    </message>
    <message>
        <source>cannot reset lease %1 of %2 to %3: use TRIM_HORIZON, LATEST, AT_TIMESTAMP or a sequence number</source>
        <translation>%2 のリース %1 を %3 にリセットできません: TRIM_HORIZON、LATEST、AT_TIMESTAMP、またはシーケンス番号を指定してください</translation>
    </message>
</context>
<context>
    <name>qmld::Ownership</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>this process</source>
        <translation>このプロセス</translation>
    </message>
    <message>
        <source>another worker</source>
        <translation>別のワーカー</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>qmld::ShardState</name>
    <message>
        <source>unowned</source>
        <translation>所有者なし</translation>
    </message>
    <message>
        <source>waiting for parents</source>
        <translation>親シャード待ち</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>割り当て済み</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>処理中</translation>
    </message>
    <message>
        <source>shutting down</source>
        <translation>シャットダウン中</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>lease lost</source>
        <translation>リース喪失</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>qmld::StreamHost</name>
    <message>
        <source>cannot listen on 127.0.0.1 for the shards of %1: %2</source>
        <translation>%1 のシャード用に 127.0.0.1 で待ち受けできません: %2</translation>
    </message>
    <message>
        <source>no session here serves shard %1</source>
        <translation>このプロセスにはシャード %1 を担当するセッションがありません</translation>
    </message>
    <message>
        <source>%1; the stream runs with the inspector only</source>
        <translation>%1。ストリームはインスペクターのみで実行されます</translation>
    </message>
</context>
<context>
    <name>qmld::StreamRunner</name>
    <message>
        <source>the stream runner needs the shard server&apos;s port and token</source>
        <translation>ストリームランナーにはシャードサーバーのポートとトークンが必要です</translation>
    </message>
    <message>
        <source>qmld-connect not found or not executable: %1</source>
        <translation>qmld-connect が見つからないか実行できません: %1</translation>
    </message>
    <message>
        <source>the path of qmld-connect contains a space, which the MultiLangDaemon cannot run: %1</source>
        <translation>qmld-connect のパスに空白が含まれているため、MultiLangDaemon が実行できません: %1</translation>
    </message>
    <message>
        <source>cannot create a runtime folder in %1: %2</source>
        <translation>%1 に実行時フォルダーを作成できません: %2</translation>
    </message>
    <message>
        <source>the daemon finished (exit code 0)</source>
        <translation>デーモンが終了しました（終了コード 0）</translation>
    </message>
    <message>
        <source>the daemon was killed by signal %1</source>
        <translation>デーモンがシグナル %1 で強制終了されました</translation>
    </message>
    <message>
        <source>the daemon exited with code %1</source>
        <translation>デーモンがコード %1 で終了しました</translation>
    </message>
    <message>
        <source>cannot start the daemon %1: %2</source>
        <translation>デーモン %1 を起動できません: %2</translation>
    </message>
    <message>
        <source>the daemon cannot start: %1, twice in a row during its startup</source>
        <translation>デーモンを起動できません: 起動中に2回続けて%1</translation>
    </message>
    <message>
        <source>the daemon cannot start: %1 (%2, twice in a row during its startup)</source>
        <translation>デーモンを起動できません: %1 (起動中に2回続けて: %2)</translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n restart(s) within %1 s: %2</source>
        <translation>
            <numerusform>%1 秒以内に %n 回再起動したため断念しました: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the daemon is still stopping</source>
        <translation>デーモンはまだ停止処理中です</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>起動中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>backing off</source>
        <translation>再起動待ち</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>qmld::StreamStore</name>
    <message>
        <source>invalid stream name &quot;%1&quot;: use 1 to 128 letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;</source>
        <translation>無効なストリーム名「%1」: 英字、数字、&apos;_&apos;、&apos;-&apos;、&apos;.&apos; を 1～128 文字で指定してください</translation>
    </message>
    <message>
        <source>invalid shard count %1 for stream &quot;%2&quot;: it must be 1 to %3</source>
        <translation>ストリーム「%2」のシャード数 %1 は無効です: 1～%3 にしてください</translation>
    </message>
    <message>
        <source>invalid retention for stream &quot;%1&quot;: it must be positive</source>
        <translation>ストリーム「%1」の保持期間が無効です: 正の値にしてください</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>cannot put to stream &quot;%1&quot;: %2</source>
        <translation>ストリーム「%1」に書き込めません: %2</translation>
    </message>
    <message>
        <source>store %1 is damaged: no open shard of stream &quot;%2&quot; holds hash key %3</source>
        <translation>ストア %1 が破損しています: ストリーム「%2」のどのオープンなシャードにもハッシュキー %3 が含まれていません</translation>
    </message>
    <message>
        <source>invalid read limit %1: it must be at least 1</source>
        <translation>読み取り上限 %1 は無効です: 1 以上にしてください</translation>
    </message>
    <message>
        <source>sequence number %1 is not from shard %2 of stream &quot;%3&quot; (store %4)</source>
        <translation>シーケンス番号 %1 はストリーム「%3」のシャード %2 のものではありません（ストア %4）</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is closed and cannot be split</source>
        <translation>ストリーム「%2」のシャード %1 はクローズ済みのため分割できません</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; holds a single hash key and cannot be split</source>
        <translation>ストリーム「%2」のシャード %1 はハッシュキーを 1 つしか持たないため分割できません</translation>
    </message>
    <message>
        <source>split point %1 is outside shard %2&apos;s hash key range %3..%4: it must be above the starting key and at most the ending key</source>
        <translation>分割点 %1 がシャード %2 のハッシュキー範囲 %3..%4 の外にあります: 開始キーより大きく、終了キー以下にしてください</translation>
    </message>
    <message>
        <source>cannot merge shard %1 of stream &quot;%2&quot; with itself</source>
        <translation>ストリーム「%2」のシャード %1 は自分自身とマージできません</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is closed and cannot be merged</source>
        <translation>ストリーム「%2」のシャード %1 はクローズ済みのためマージできません</translation>
    </message>
    <message>
        <source>shards %1 (%2..%3) and %4 (%5..%6) of stream &quot;%7&quot; are not adjacent</source>
        <translation>ストリーム「%7」のシャード %1（%2..%3）と %4（%5..%6）は隣接していません</translation>
    </message>
    <message>
        <source>shard id &quot;%1&quot; of stream &quot;%2&quot; is not shardId- and 12 digits, as Kinesis names shards; the embedded store cannot hold it</source>
        <translation>ストリーム「%2」のシャード ID「%1」は Kinesis のシャード名の形式（shardId- と 12 桁の数字）ではありません。組み込みストアでは扱えません</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is listed twice</source>
        <translation>ストリーム「%2」のシャード %1 が 2 回記載されています</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has an empty hash key range %3..%4</source>
        <translation>ストリーム「%2」のシャード %1 のハッシュキー範囲 %3..%4 が空です</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; has a sequence number that is not a number</source>
        <translation>ストリーム「%2」のシャード %1 に数値でないシーケンス番号があります</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; ends (%3) before it starts (%4)</source>
        <translation>ストリーム「%2」のシャード %1 は開始（%4）より前に終了（%3）しています</translation>
    </message>
    <message>
        <source>open shards %1 and %2 of stream &quot;%3&quot; overlap in hash key range</source>
        <translation>ストリーム「%3」のオープンなシャード %1 と %2 のハッシュキー範囲が重なっています</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; was not imported: it numbers its records itself (put them)</source>
        <translation>ストリーム「%2」のシャード %1 はインポートされたものではありません: レコードの番号は自動で付けられます（put で書き込んでください）</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: &quot;%3&quot; is not a sequence number</source>
        <translation>ストリーム「%2」のシャード %1 にインポートできません:「%3」はシーケンス番号ではありません</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 does not follow %4</source>
        <translation>ストリーム「%2」のシャード %1 にインポートできません: シーケンス番号 %3 が %4 より後ではありません</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 is before the shard&apos;s starting sequence number %4</source>
        <translation>ストリーム「%2」のシャード %1 にインポートできません: シーケンス番号 %3 がシャードの開始シーケンス番号 %4 より前です</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: sequence number %3 is after the closed shard&apos;s ending sequence number %4</source>
        <translation>ストリーム「%2」のシャード %1 にインポートできません: シーケンス番号 %3 がクローズ済みシャードの終了シーケンス番号 %4 より後です</translation>
    </message>
    <message>
        <source>cannot import into shard %1 of stream &quot;%2&quot;: record %3 of %4 bytes exceeds Kinesis&apos; 1 MiB limit</source>
        <translation>ストリーム「%2」のシャード %1 にインポートできません: レコード %3（%4 バイト）が Kinesis の上限 1 MiB を超えています</translation>
    </message>
    <message>
        <source>cannot close shard %1 of stream &quot;%2&quot;: the ending sequence number is not a number</source>
        <translation>ストリーム「%2」のシャード %1 をクローズできません: 終了シーケンス番号が数値ではありません</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; is already closed</source>
        <translation>ストリーム「%2」のシャード %1 はすでにクローズされています</translation>
    </message>
    <message>
        <source>shard %1 of stream &quot;%2&quot; was not imported: it cannot take an ending sequence number</source>
        <translation>ストリーム「%2」のシャード %1 はインポートされたものではありません: 終了シーケンス番号は設定できません</translation>
    </message>
    <message>
        <source>cannot close shard %1 of stream &quot;%2&quot; at %3: it holds records after that</source>
        <translation>ストリーム「%2」のシャード %1 を %3 でクローズできません: それより後のレコードがあります</translation>
    </message>
    <message>
        <source>no store path given</source>
        <translation>ストアのパスが指定されていません</translation>
    </message>
    <message>
        <source>store %1 does not exist</source>
        <translation>ストア %1 は存在しません</translation>
    </message>
    <message>
        <source>cannot open store %1: the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>ストア %1 を開けません: Qt の SQLite ドライバー（QSQLITE）がインストールされていません</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>オープン</translation>
    </message>
    <message>
        <source>switching to WAL</source>
        <translation>WAL への切り替え</translation>
    </message>
    <message>
        <source>store %1 was written by a newer qmld (schema %2; this one reads %3)</source>
        <translation>ストア %1 は新しいバージョンの qmld で書き込まれています（スキーマ %2。この qmld が読めるのは %3）</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not a qmld store</source>
        <translation>%1 は SQLite データベースですが、qmld のストアではありません</translation>
    </message>
    <message>
        <source>preparing a statement for</source>
        <translation>文の準備</translation>
    </message>
    <message>
        <source>store %1 is busy: another connection held its write lock for more than %2 ms</source>
        <translation>ストア %1 は使用中です: 別の接続が書き込みロックを %2 ミリ秒より長く保持していました</translation>
    </message>
    <message>
        <source>store %1 is damaged or not a database (%2)</source>
        <translation>ストア %1 は破損しているか、データベースではありません（%2）</translation>
    </message>
    <message>
        <source>cannot open store %1 (%2)</source>
        <translation>ストア %1 を開けません（%2）</translation>
    </message>
    <message>
        <source>error %1 store %2: %3</source>
        <translation>ストア %2 で%1中にエラーが発生しました: %3</translation>
    </message>
    <message>
        <source>a partition key is empty</source>
        <translation>パーティションキーが空です</translation>
    </message>
    <message>
        <source>partition key is not UTF-8</source>
        <translation>パーティションキーが UTF-8 ではありません</translation>
    </message>
    <message>
        <source>partition key &quot;%1…&quot; is %2 characters long (at most %3)</source>
        <translation>パーティションキー「%1…」の長さが %2 文字です（最大 %3 文字）</translation>
    </message>
    <message>
        <source>a record of %1 bytes with partition key &quot;%2&quot; exceeds Kinesis&apos; 1 MiB limit</source>
        <translation>パーティションキー「%2」の %1 バイトのレコードが Kinesis の上限 1 MiB を超えています</translation>
    </message>
    <message>
        <source>unknown stream &quot;%1&quot; in store %2</source>
        <translation>不明なストリーム「%1」（ストア %2）</translation>
    </message>
    <message>
        <source>no shard &quot;%1&quot; in stream &quot;%2&quot; (store %3)</source>
        <translation>ストリーム「%2」にシャード「%1」がありません（ストア %3）</translation>
    </message>
    <message>
        <source>stream &quot;%1&quot; already exists in store %2</source>
        <translation>ストリーム「%1」はストア %2 にすでに存在します</translation>
    </message>
    <message>
        <source>store %1 is damaged: shard %2 has a bad hash key range</source>
        <translation>ストア %1 が破損しています: シャード %2 のハッシュキー範囲が不正です</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>store %1 is damaged (table %2: %3); it was left as it was: restore it from a copy</source>
        <translation>ストア %1 は破損しています（テーブル %2: %3）。変更はしていません: コピーから復元してください</translation>
    </message>
</context>
<context>
    <name>qmld::demo::DemoProducer</name>
    <message>
        <source>the demo producer cannot open %1: %2</source>
        <translation>デモのプロデューサーは %1 を開けません: %2</translation>
    </message>
    <message>
        <source>the demo producer stopped: %1</source>
        <translation>デモのプロデューサーが停止しました: %1</translation>
    </message>
</context>
<context>
    <name>qmld::kpl</name>
    <message>
        <source>Record %1: %2 holds user records outside the shard&apos;s hash key range [%3, %4]; dropped, as the KCL does</source>
        <translation>レコード %1: %2 にシャードのハッシュキー範囲 [%3, %4] 外のユーザーレコードが含まれています。KCL と同様に破棄しました</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AttachApplicationDialog</name>
    <message>
        <source>Attach KCL application</source>
        <translation>KCL アプリケーションを接続</translation>
    </message>
    <message>
        <source>Watch the leases of a KCL application that runs elsewhere: every worker&apos;s leases, checkpoints and lag, live. Nothing runs here, and nothing is written unless you reset a checkpoint.</source>
        <translation>別の場所で動作する KCL アプリケーションのリースを監視します: すべてのワーカーのリース、チェックポイント、遅延をライブで表示します。ここでは何も実行されず、チェックポイントをリセットしない限り何も書き込まれません。</translation>
    </message>
    <message>
        <source>Embedded store</source>
        <translation>組み込みストア</translation>
    </message>
    <message>
        <source>AWS (DynamoDB and Kinesis)</source>
        <translation>AWS (DynamoDB と Kinesis)</translation>
    </message>
    <message>
        <source>Lease table in:</source>
        <translation>リーステーブルの場所:</translation>
    </message>
    <message>
        <source>the application&apos;s tableName, else its applicationName</source>
        <translation>アプリケーションの tableName、なければ applicationName</translation>
    </message>
    <message>
        <source>Lease table:</source>
        <translation>リーステーブル:</translation>
    </message>
    <message>
        <source>optional: the stream, for each shard&apos;s lag</source>
        <translation>任意: 各シャードの遅延を測るためのストリーム</translation>
    </message>
    <message>
        <source>Stream:</source>
        <translation>ストリーム:</translation>
    </message>
    <message>
        <source>Store file:</source>
        <translation>ストアファイル:</translation>
    </message>
    <message>
        <source>AWS_PROFILE, else default</source>
        <translation>AWS_PROFILE、なければ default</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>プロファイル:</translation>
    </message>
    <message>
        <source>AWS_REGION, else the profile&apos;s</source>
        <translation>AWS_REGION、なければプロファイルのリージョン</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <source>optional: http://localhost:4566 for a local emulator</source>
        <translation>任意: ローカルエミュレーターなら http://localhost:4566</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>エンドポイント:</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Name the lease table.</source>
        <translation>リーステーブル名を入力してください。</translation>
    </message>
    <message>
        <source>Name the store file.</source>
        <translation>ストアファイルを指定してください。</translation>
    </message>
    <message>
        <source>The endpoint is not a URL: %1</source>
        <translation>エンドポイントが URL ではありません: %1</translation>
    </message>
    <message>
        <source>%1 (attached)</source>
        <translation>%1 (接続済み)</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsBrowser</name>
    <message>
        <source>AWS streams — qmld console</source>
        <translation>AWS ストリーム — qmld コンソール</translation>
    </message>
    <message>
        <source>(default: AWS_PROFILE, environment keys, instance role)</source>
        <translation>（既定: AWS_PROFILE、環境変数のキー、インスタンスロール）</translation>
    </message>
    <message>
        <source>&amp;List streams</source>
        <translation>ストリーム一覧(&amp;L)</translation>
    </message>
    <message>
        <source>required: no region in the profile or environment</source>
        <translation>必須: プロファイルにも環境にもリージョンがありません</translation>
    </message>
    <message>
        <source>%1 (from the profile or environment)</source>
        <translation>%1（プロファイルまたは環境から）</translation>
    </message>
    <message>
        <source>optional: a Kinesis endpoint URL, e.g. of a local emulator</source>
        <translation>任意: Kinesis エンドポイントの URL（ローカルのエミュレータなど）</translation>
    </message>
    <message>
        <source>%1 (optional: another endpoint URL)</source>
        <translation>%1（任意: 別のエンドポイント URL）</translation>
    </message>
    <message>
        <source>Open a stream to see its shards.</source>
        <translation>ストリームを開くとシャードが表示されます。</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>プロファイル(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Region</source>
        <translation>リージョン(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation>エンドポイント(&amp;E)</translation>
    </message>
    <message>
        <source>Choose a profile and region, then List streams.</source>
        <translation>プロファイルとリージョンを選び、「ストリーム一覧」を押してください。</translation>
    </message>
    <message>
        <source>The endpoint %1 is not a URL like https://kinesis.eu-west-1.amazonaws.com</source>
        <translation>エンドポイント %1 は https://kinesis.eu-west-1.amazonaws.com のような URL ではありません</translation>
    </message>
    <message>
        <source>Listing the streams in %1 (%2)…</source>
        <translation>%1（%2）のストリームを取得中…</translation>
    </message>
    <message>
        <source>%1 streams in %2 (%3)</source>
        <translation>%2（%3）のストリーム %1 件</translation>
    </message>
    <message>
        <source>Stream %1 in %2 has no shard %3</source>
        <translation>%2 のストリーム %1 にシャード %3 はありません</translation>
    </message>
    <message>
        <source>Stream %1 in %2</source>
        <translation>%2 のストリーム %1</translation>
    </message>
    <message>
        <source>: %1, retention %2 h, %3 open shards</source>
        <translation>: %1、保持期間 %2 時間、オープンなシャード %3</translation>
    </message>
    <message>
        <source>; %1 shards listed, %2 closed</source>
        <translation>。シャード %1 件（うちクローズ済み %2）</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsShardModel</name>
    <message>
        <source>Closed by a split or merge: it takes no new records, its records stay for the retention period.</source>
        <translation>分割または統合でクローズ済み: 新しいレコードは受け付けず、既存のレコードは保持期間のあいだ残ります。</translation>
    </message>
    <message>
        <source>Open: new records with keys in its hash key range go here.</source>
        <translation>オープン: ハッシュキー範囲内のキーを持つ新しいレコードがここに入ります。</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>クローズ</translation>
    </message>
    <message>
        <source>open</source>
        <translation>オープン</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>シャード</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>親</translation>
    </message>
    <message>
        <source>Adjacent parent</source>
        <translation>隣接する親</translation>
    </message>
    <message>
        <source>Starting hash key</source>
        <translation>開始ハッシュキー</translation>
    </message>
    <message>
        <source>Ending hash key</source>
        <translation>終了ハッシュキー</translation>
    </message>
    <message>
        <source>Starting sequence number</source>
        <translation>開始シーケンス番号</translation>
    </message>
    <message>
        <source>Ending sequence number</source>
        <translation>終了シーケンス番号</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsStreamModel</name>
    <message>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Shards</source>
        <translation>シャード</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保持期間</translation>
    </message>
    <message>
        <source>PROVISIONED or ON_DEMAND capacity.</source>
        <translation>PROVISIONED または ON_DEMAND のキャパシティ。</translation>
    </message>
    <message>
        <source>Open shards: those that take new records. Closed ones show when the stream is opened.</source>
        <translation>オープンなシャード（新しいレコードを受け付けるもの）。クローズ済みのものはストリームを開くと表示されます。</translation>
    </message>
    <message>
        <source>How long the stream keeps records.</source>
        <translation>ストリームがレコードを保持する期間。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::AwsTailPane</name>
    <message>
        <source>Pick a shard to tail.</source>
        <translation>追跡するシャードを選んでください。</translation>
    </message>
    <message>
        <source>Where the tail starts: the oldest record kept (TRIM_HORIZON), new records only (LATEST), at or after a sequence number, or at a time.</source>
        <translation>追跡の開始位置: 保持されている最古のレコード（TRIM_HORIZON）、新しいレコードのみ（LATEST）、シーケンス番号の位置またはその次、または時刻。</translation>
    </message>
    <message>
        <source>&amp;Tail</source>
        <translation>追跡(&amp;T)</translation>
    </message>
    <message>
        <source>Read the shard from the chosen position and keep reading new records, at most one GetRecords call a second.</source>
        <translation>選んだ位置からシャードを読み、新しいレコードを読み続けます（GetRecords は 1 秒に 1 回まで）。</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始位置</translation>
    </message>
    <message>
        <source>AT_TIMESTAMP needs a time: ISO 8601 (2026-12-06T09:00:00Z) or epoch milliseconds, not &apos;%1&apos;</source>
        <translation>AT_TIMESTAMP には時刻が必要です: ISO 8601（2026-12-06T09:00:00Z）またはエポックミリ秒。&apos;%1&apos; ではありません</translation>
    </message>
    <message>
        <source>%1 needs a sequence number (digits only), not &apos;%2&apos;</source>
        <translation>%1 にはシーケンス番号（数字のみ）が必要です。&apos;%2&apos; ではありません</translation>
    </message>
    <message>
        <source>No records yet: the tail reads %1 of stream %2 from %3.</source>
        <translation>まだレコードはありません: ストリーム %2 の %1 を %3 から読んでいます。</translation>
    </message>
    <message>
        <source>the shard is closed and read to its end</source>
        <translation>シャードはクローズ済みで、最後まで読みました</translation>
    </message>
    <message>
        <source>%1 of %2 from %3: %4 records, %5 GetRecords calls</source>
        <translation>%2 の %1（%3 から）: レコード %4 件、GetRecords 呼び出し %5 回</translation>
    </message>
    <message>
        <source>, %1 ms behind the tip</source>
        <translation>、最新から %1 ms 遅れ</translation>
    </message>
    <message>
        <source>, throttled calls: %1 (reading slower)</source>
        <translation>、スロットリングされた呼び出し: %1（読み取りを遅くしています）</translation>
    </message>
    <message>
        <source> · reading</source>
        <translation> · 読み取り中</translation>
    </message>
    <message>
        <source> · stopped</source>
        <translation> · 停止</translation>
    </message>
    <message>
        <source>Shard %1 of stream %2</source>
        <translation>ストリーム %2 のシャード %1</translation>
    </message>
    <message>
        <source>ISO 8601 time or epoch milliseconds</source>
        <translation>ISO 8601 の時刻またはエポックミリ秒</translation>
    </message>
    <message>
        <source>sequence number</source>
        <translation>シーケンス番号</translation>
    </message>
    <message>
        <source>%1: %2; reading on after %3 s</source>
        <translation>%1: %2。%3 秒後に読み取りを再開します</translation>
    </message>
</context>
<context>
    <name>qmld::ui::CheckpointPanel</name>
    <message>
        <source>no shard selected</source>
        <translation>シャードが選択されていません</translation>
    </message>
    <message>
        <source>Checkpoint &amp;now</source>
        <translation>今すぐチェックポイント(&amp;N)</translation>
    </message>
    <message>
        <source>Checkpoint the shard at the latest record processed here, at its next exchange with the daemon.</source>
        <translation>ここで最後に処理したレコードでシャードをチェックポイントします（デーモンとの次のやり取りで実行）。</translation>
    </message>
    <message>
        <source>Checkpoint at &amp;record</source>
        <translation>レコードでチェックポイント(&amp;R)</translation>
    </message>
    <message>
        <source>Checkpoint at the record selected in the tail: processing would resume after it.</source>
        <translation>テールで選択したレコードでチェックポイントします。処理はその次のレコードから再開されます。</translation>
    </message>
    <message>
        <source>asking for a checkpoint…</source>
        <translation>チェックポイントを要求中…</translation>
    </message>
    <message>
        <source>Shard:</source>
        <translation>シャード:</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>ポリシー:</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>前回:</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>送信されませんでした: %1</translation>
    </message>
    <message>
        <source>Select a shard first.</source>
        <translation>先にシャードを選択してください。</translation>
    </message>
    <message>
        <source>No session in this process serves %1 (lease owner: %2): only its owner can checkpoint it.</source>
        <translation>このプロセスには %1 を処理するセッションがありません（リース所有者: %2）。チェックポイントを設定できるのは所有者だけです。</translation>
    </message>
    <message>
        <source>Select a record in the tail to checkpoint at it.</source>
        <translation>チェックポイントを設定するには、テールでレコードを選択してください。</translation>
    </message>
    <message>
        <source>The selected record is at or before the shard&apos;s checkpoint %1: the daemon refuses to move a checkpoint back (Stream → Reset checkpoint does that while no worker holds the shard).</source>
        <translation>選択したレコードはシャードのチェックポイント %1 と同じか、それより前です。デーモンはチェックポイントを戻しません（ワーカーがシャードを保持していない間は「ストリーム → チェックポイントのリセット」で戻せます）。</translation>
    </message>
    <message>
        <source>The selected record is at or before the shard&apos;s checkpoint: the daemon refuses to move a checkpoint back.</source>
        <translation>選択したレコードはシャードのチェックポイントと同じか、それより前です。デーモンはチェックポイントを戻しません。</translation>
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
        <translation>JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>no &quot;dynamodb&quot; object: not a DynamoDB stream record</source>
        <translation>&quot;dynamodb&quot; オブジェクトがありません。DynamoDB ストリームのレコードではありません</translation>
    </message>
</context>
<context>
    <name>qmld::ui::LogModel</name>
    <message>
        <source>debug</source>
        <translation>デバッグ</translation>
    </message>
    <message>
        <source>info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>When the console received the line (local time).</source>
        <translation>コンソールがその行を受信した時刻（ローカル時刻）。</translation>
    </message>
    <message>
        <source>The stream whose daemon wrote the line.</source>
        <translation>その行を書き出したデーモンのストリーム。</translation>
    </message>
    <message>
        <source>The line&apos;s level as the daemon logged it: debug, info, warning or error.</source>
        <translation>デーモンが記録したときの行のレベル: デバッグ、情報、警告、エラー。</translation>
    </message>
    <message>
        <source>The line the daemon wrote to its standard error.</source>
        <translation>デーモンが標準エラー出力に書き出した行。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::MainWindow</name>
    <message>
        <source>qmld console</source>
        <translation>qmld コンソール</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import KCL properties…</source>
        <translation>KCL プロパティをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation>ストリーム(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Add stream…</source>
        <translation>ストリームを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit stream…</source>
        <translation>ストリームを編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove stream</source>
        <translation>ストリームを削除(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>開始(&amp;T)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>再起動(&amp;S)</translation>
    </message>
    <message>
        <source>Reset &amp;checkpoint…</source>
        <translation>チェックポイントをリセット(&amp;C)…</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Filter shards (id, owner, state…)</source>
        <translation>シャードを絞り込み（ID、所有者、状態…）</translation>
    </message>
    <message>
        <source>Lag (behind latest)</source>
        <translation>遅延（最新レコードからの遅れ）</translation>
    </message>
    <message>
        <source>Throughput (records/s)</source>
        <translation>スループット（レコード/秒）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>レコード</translation>
    </message>
    <message>
        <source>Daemon log</source>
        <translation>デーモンログ</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Show lines at this level and above.</source>
        <translation>このレベル以上の行を表示します。</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>ログを絞り込み</translation>
    </message>
    <message>
        <source>by hand only</source>
        <translation>手動のみ</translation>
    </message>
    <message numerus="yes">
        <source>every %n record(s)</source>
        <translation>
            <numerusform>%n レコードごと</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>%n 秒ごと</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>ストリーム %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shard(s) (%1 here, %2 other workers)</source>
        <translation>
            <numerusform>シャード %n 個（このプロセス %1、他のワーカー %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 rec/s</source>
        <translation>%1 レコード/秒</translation>
    </message>
    <message>
        <source>max lag %1</source>
        <translation>最大遅延 %1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>該当なし</translation>
    </message>
    <message>
        <source>Import KCL properties</source>
        <translation>KCL プロパティのインポート</translation>
    </message>
    <message>
        <source>Properties (*.properties);;All files (*)</source>
        <translation>プロパティ (*.properties);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Remove stream</source>
        <translation>ストリームの削除</translation>
    </message>
    <message>
        <source>Stop and remove the stream %1 from the console? Its leases and checkpoints stay.</source>
        <translation>ストリーム %1 を停止してコンソールから削除しますか？リースとチェックポイントは残ります。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Reset checkpoint</source>
        <translation>チェックポイントのリセット</translation>
    </message>
    <message>
        <source>Record &amp;buffers…</source>
        <translation>レコードバッファー(&amp;B)…</translation>
    </message>
    <message>
        <source>Record buffers</source>
        <translation>レコードバッファー</translation>
    </message>
    <message>
        <source>Records kept per shard (preview buffer and tail):</source>
        <translation>シャードごとに保持するレコード数（プレビューバッファーとテール）:</translation>
    </message>
    <message>
        <source>Memory per shard, in MiB:</source>
        <translation>シャードごとのメモリ（MiB）:</translation>
    </message>
    <message>
        <source>&amp;Replay capture…</source>
        <translation>キャプチャをリプレイ(&amp;R)…</translation>
    </message>
    <message>
        <source>Ca&amp;pture selected shards…</source>
        <translation>選択したシャードをキャプチャ(&amp;P)…</translation>
    </message>
    <message>
        <source>Record what the selected shards deliver from now on into a capture file, for qmld replay or File → Replay capture.</source>
        <translation>選択したシャードがこれから配信するレコードをキャプチャファイルに記録します（qmld replay や ファイル → キャプチャをリプレイ 用）。</translation>
    </message>
    <message>
        <source>Replay capture</source>
        <translation>キャプチャのリプレイ</translation>
    </message>
    <message>
        <source>Captures (*.jsonl *.jsonl.gz *.gz);;All files (*)</source>
        <translation>キャプチャ (*.jsonl *.jsonl.gz *.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Capture shards</source>
        <translation>シャードのキャプチャ</translation>
    </message>
    <message>
        <source>Captures (*.jsonl.gz *.jsonl)</source>
        <translation>キャプチャ (*.jsonl.gz *.jsonl)</translation>
    </message>
    <message>
        <source>Select the shards to capture first.</source>
        <translation>先にキャプチャするシャードを選択してください。</translation>
    </message>
    <message>
        <source>captured %1 records of %2 into %3</source>
        <translation>%2 の %1 レコードを %3 にキャプチャしました</translation>
    </message>
    <message>
        <source>%1, but writing failed: %2</source>
        <translation>%1。ただし書き込みに失敗しました: %2</translation>
    </message>
    <message>
        <source>● capturing %1 of %2 into %3: %4 records · %5</source>
        <translation>● %2 の %1 を %3 にキャプチャ中: %4 レコード · %5</translation>
    </message>
    <message>
        <source>● capture failed: %1</source>
        <translation>● キャプチャに失敗しました: %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About qmld console</source>
        <translation>qmld コンソールについて(&amp;A)</translation>
    </message>
    <message>
        <source>The shard id (the lease key in the KCL lease table).</source>
        <translation>シャード ID（KCL リーステーブルのリースキー）。</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>既定の列</translation>
    </message>
    <message>
        <source>%1: lag over %2</source>
        <translation>%1: 遅延が %2 を超えました</translation>
    </message>
    <message>
        <source>%1 is %2 behind the tip of the stream.</source>
        <translation>%1 はストリームの先端から %2 遅れています。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ショートカット</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;README.md&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;README.md&lt;/a&gt;</translation>
    </message>
    <message>
        <source>README.md in the qmld sources</source>
        <translation>qmld のソース内の README.md</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;qmld console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Watch and steer Kinesis and DynamoDB stream processing through the KCL MultiLangDaemon: lease ownership, lag, record previews, manual checkpoints.&lt;/p&gt;&lt;p&gt;Getting started, the command line and the layout of the project: %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;qmld コンソール&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;KCL MultiLangDaemon による Kinesis および DynamoDB ストリーム処理を監視・操作します: リース所有状況、遅延、レコードのプレビュー、手動チェックポイント。&lt;/p&gt;&lt;p&gt;はじめに、コマンドライン、プロジェクトの構成: %2。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About qmld console</source>
        <translation>qmld コンソールについて</translation>
    </message>
    <message>
        <source>Select a shard to see the records it delivers here.</source>
        <translation>ここで配信されるレコードを見るには、シャードを選択してください。</translation>
    </message>
    <message>
        <source>No records from %1 yet.</source>
        <translation>%1 からのレコードはまだありません。</translation>
    </message>
    <message>
        <source>No records: this console does not process %1 now (the stream is stopped or starting).</source>
        <translation>レコードはありません: このコンソールは現在 %1 を処理していません（ストリームは停止中または起動中です）。</translation>
    </message>
    <message>
        <source>No records: no worker processes %1 now.</source>
        <translation>レコードはありません: 現在 %1 を処理しているワーカーはありません。</translation>
    </message>
    <message>
        <source>No records here: %1 is held by %2. Records show for the shards this console processes.</source>
        <translation>ここにはレコードがありません: %1 は %2 が保持しています。レコードはこのコンソールが処理するシャードについて表示されます。</translation>
    </message>
    <message>
        <source>Capture into %1 failed: %2</source>
        <translation>%1 への記録に失敗しました: %2</translation>
    </message>
    <message>
        <source>Move the selected shard&apos;s checkpoint in the lease table.</source>
        <translation>選択したシャードのチェックポイントをリーステーブル上で移動します。</translation>
    </message>
    <message>
        <source>Select a shard to reset its checkpoint.</source>
        <translation>チェックポイントをリセットするシャードを選択してください。</translation>
    </message>
    <message>
        <source>%1 has no lease yet: the daemon creates it when it first syncs the shards.</source>
        <translation>%1 にはまだリースがありません: デーモンが最初にシャードを同期するときに作成します。</translation>
    </message>
    <message>
        <source>A reset is under way.</source>
        <translation>リセットを実行中です。</translation>
    </message>
    <message>
        <source>%1 is held by %2, a live worker: a reset takes the lease from it.</source>
        <translation>%1 は稼働中のワーカー %2 が保持しています。リセットするとそのワーカーからリースを取り上げます。</translation>
    </message>
    <message>
        <source>Resetting the checkpoint of %1…</source>
        <translation>%1 のチェックポイントをリセット中…</translation>
    </message>
    <message>
        <source>&amp;AWS streams…</source>
        <translation>AWS ストリーム(&amp;A)…</translation>
    </message>
    <message>
        <source>Browse the Kinesis streams of an AWS account and tail any shard, without a daemon.</source>
        <translation>AWS アカウントの Kinesis ストリームを閲覧し、任意のシャードをデーモンなしで追跡します。</translation>
    </message>
    <message>
        <source>&amp;Attach KCL application…</source>
        <translation>KCL アプリケーションを接続(&amp;A)…</translation>
    </message>
    <message>
        <source>Watch a lease table, in the store or in DynamoDB: every worker&apos;s leases, checkpoints and lag, without running a daemon here.</source>
        <translation>ストアまたは DynamoDB のリーステーブルを監視します: ここでデーモンを実行せずに、すべてのワーカーのリース、チェックポイント、遅延を表示します。</translation>
    </message>
    <message>
        <source>Resetting a checkpoint needs the lease table, which the console does not know for a custom daemon command.</source>
        <translation>チェックポイントのリセットにはリーステーブルが必要ですが、カスタムのデーモンコマンドではコンソールはそれを知りません。</translation>
    </message>
    <message>
        <source>%1 is an attached application: its workers run elsewhere.</source>
        <translation>%1 は接続されたアプリケーションです: ワーカーは別の場所で動作しています。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::MetricChart</name>
    <message>
        <source>no data yet</source>
        <translation>まだデータがありません</translation>
    </message>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 · mean %3</source>
        <translation>
            <numerusform>直近 %1 秒 · %n シャードを表示 · 最大 %2 · 平均 %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last %1 s · %n shard(s) shown · max %2 records/s · mean %3 records/s</source>
        <translation>
            <numerusform>直近 %1 秒 · %n シャードを表示 · 最大 %2 レコード/秒 · 平均 %3 レコード/秒</numerusform>
        </translation>
    </message>
    <message>
        <source>no history for %1 yet: throughput is measured only for shards this console processes, the lag of other workers&apos; shards once their checkpoint has been measured</source>
        <translation>%1 の履歴はまだありません: スループットはこのコンソールが処理するシャードについてのみ、他のワーカーのシャードの遅延はチェックポイントが測定されてから記録されます</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordPreview</name>
    <message>
        <source>1 byte</source>
        <translation>1 バイト</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>&amp;Raw</source>
        <translation>生データ(&amp;R)</translation>
    </message>
    <message>
        <source>Show the JSON exactly as it arrived instead of pretty-printed.</source>
        <translation>整形せずに、受信したままの JSON を表示します。</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>16 進</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <source>Explicit hash key</source>
        <translation>明示的なハッシュキー</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>KPL</source>
        <translation>KPL</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>DynamoDB</source>
        <translation>DynamoDB</translation>
    </message>
    <message>
        <source>No record selected.</source>
        <translation>レコードが選択されていません。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Shard %1 · sequence %2 · sub-sequence %3 · partition key %4 · arrived %5 · %6</source>
        <translation>シャード %1 · シーケンス %2 · サブシーケンス %3 · パーティションキー %4 · 到着 %5 · %6</translation>
    </message>
    <message>
        <source>UTF-8 text.</source>
        <translation>UTF-8 テキストです。</translation>
    </message>
    <message>
        <source>Not valid UTF-8: invalid bytes are shown as �; see the Hex tab.</source>
        <translation>有効な UTF-8 ではありません。不正なバイトは � で表示されます。「16 進」タブを参照してください。</translation>
    </message>
    <message>
        <source>Not JSON: %1 at byte %2.</source>
        <translation>JSON ではありません: バイト %2 で %1。</translation>
    </message>
    <message>
        <source>Valid JSON; pretty-printed with object keys sorted.</source>
        <translation>有効な JSON です。オブジェクトのキーを並べ替えて整形表示しています。</translation>
    </message>
    <message>
        <source>Showing the first %1 KiB of %2.</source>
        <translation>%2 のうち先頭 %1 KiB を表示しています。</translation>
    </message>
    <message>
        <source>Sub-record %1 of %2 of a KPL aggregate (sub-sequence number %3).</source>
        <translation>KPL 集約レコードのサブレコード %1/%2（サブシーケンス番号 %3）。</translation>
    </message>
    <message>
        <source>Sub-record %1 of a KPL aggregate.</source>
        <translation>KPL 集約レコードのサブレコード %1。</translation>
    </message>
    <message>
        <source>The data looks like a KPL aggregate but does not decode: %1</source>
        <translation>データは KPL 集約レコードのようですが、デコードできません: %1</translation>
    </message>
    <message>
        <source>The data is a KPL aggregate; records inside: %1.</source>
        <translation>データは KPL 集約レコードです。含まれるレコード数: %1。</translation>
    </message>
    <message>
        <source>Not from a KPL aggregate.</source>
        <translation>KPL 集約レコード由来ではありません。</translation>
    </message>
    <message>
        <source>Not a DynamoDB stream record (%1).</source>
        <translation>DynamoDB ストリームのレコードではありません（%1）。</translation>
    </message>
    <message>
        <source>%1 · sequence %2 · %3 · created %4</source>
        <translation>%1 · シーケンス %2 · %3 · 作成 %4</translation>
    </message>
    <message>
        <source>(no event name)</source>
        <translation>（イベント名なし）</translation>
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
        <translation>シーケンス番号をコピー</translation>
    </message>
    <message>
        <source>Sequence number %1</source>
        <translation>シーケンス番号 %1</translation>
    </message>
    <message>
        <source>Sub-record %1 of a KPL aggregate (sub-sequence number %2); the aggregate&apos;s size is not known here.</source>
        <translation>KPL 集約のサブレコード %1（サブシーケンス番号 %2）。集約のサイズはここではわかりません。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordTableModel</name>
    <message>
        <source>(null)</source>
        <translation>（null）</translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation>シーケンス番号</translation>
    </message>
    <message>
        <source>Sub</source>
        <translation>サブ</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到着</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>The record&apos;s sequence number in its shard.</source>
        <translation>シャード内でのレコードのシーケンス番号。</translation>
    </message>
    <message>
        <source>The index of the record inside a KPL aggregate (0 for plain records).</source>
        <translation>KPL 集約レコード内でのレコードのインデックス（通常のレコードは 0）。</translation>
    </message>
    <message>
        <source>The partition key the producer gave; it chose the shard.</source>
        <translation>プロデューサーが指定したパーティションキー。これによりシャードが決まりました。</translation>
    </message>
    <message>
        <source>approximateArrivalTimestamp: when the stream accepted the record.</source>
        <translation>approximateArrivalTimestamp: ストリームがレコードを受け付けた時刻。</translation>
    </message>
    <message>
        <source>The size of the record&apos;s data.</source>
        <translation>レコードのデータのサイズ。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::RecordTailView</name>
    <message>
        <source>&amp;Copy as JSON lines</source>
        <translation>JSON Lines としてコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>選択範囲をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Filter by text in the data</source>
        <translation>データ内のテキストで絞り込み</translation>
    </message>
    <message>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Stop taking in new records so that you can look at these (the shard goes on).</source>
        <translation>新しいレコードの取り込みを止めて、表示中のレコードを確認できるようにします（シャードの処理は続きます）。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>%1 records · %2</source>
        <translation>%1 レコード · %2</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>レコードのエクスポート</translation>
    </message>
    <message>
        <source>Capture files (*.jsonl *.jsonl.gz);;All files (*)</source>
        <translation>キャプチャファイル (*.jsonl *.jsonl.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Paused while you look at the record you picked; Resume follows the tail again.</source>
        <translation>選んだレコードを見ている間は一時停止しています。「再開」でテールの追従に戻ります。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ReplayBar</name>
    <message>
        <source>Replay</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Feed the next 500 records, then stay paused.</source>
        <translation>次の 500 レコードを送り込み、その後は一時停止のままにします。</translation>
    </message>
    <message>
        <source>How fast records go in: as they arrived, faster, or as fast as possible.</source>
        <translation>レコードを送り込む速さ: 到着時と同じ、より速く、または可能な限り速く。</translation>
    </message>
    <message>
        <source>1x (as recorded)</source>
        <translation>1x（記録どおり）</translation>
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
        <translation>最大</translation>
    </message>
    <message>
        <source>all records in; the shards end once the daemon holds them</source>
        <translation>全レコードを送り込みました。デーモンが保持するとシャードは終了します</translation>
    </message>
    <message>
        <source>replay complete: every shard reached SHARD_END</source>
        <translation>リプレイ完了: すべてのシャードが SHARD_END に達しました</translation>
    </message>
    <message>
        <source>%1 records fed</source>
        <translation>%1 レコードを送り込み済み</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ReplaySession</name>
    <message>
        <source>cannot create a private folder for the replay: %1</source>
        <translation>リプレイ用の非公開フォルダーを作成できません: %1</translation>
    </message>
    <message>
        <source>replay: %1</source>
        <translation>リプレイ: %1</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ResetCheckpointDialog</name>
    <message>
        <source>Reset checkpoint of %1</source>
        <translation>%1 のチェックポイントをリセット</translation>
    </message>
    <message>
        <source>TRIM_HORIZON (the oldest record kept)</source>
        <translation>TRIM_HORIZON（保持されている最も古いレコード）</translation>
    </message>
    <message>
        <source>LATEST (only new records)</source>
        <translation>LATEST（新しいレコードのみ）</translation>
    </message>
    <message>
        <source>A sequence number</source>
        <translation>シーケンス番号</translation>
    </message>
    <message>
        <source>e.g. 49590338271490256608559692538361571095921575989136588898</source>
        <translation>例: 49590338271490256608559692538361571095921575989136588898</translation>
    </message>
    <message>
        <source>Reset…</source>
        <translation>リセット…</translation>
    </message>
    <message>
        <source>Application:</source>
        <translation>アプリケーション:</translation>
    </message>
    <message>
        <source>Shard:</source>
        <translation>シャード:</translation>
    </message>
    <message>
        <source>Checkpoint now:</source>
        <translation>現在のチェックポイント:</translation>
    </message>
    <message>
        <source>Move it to:</source>
        <translation>移動先:</translation>
    </message>
    <message>
        <source>Sequence number:</source>
        <translation>シーケンス番号:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a sequence number: digits only, at most 129</source>
        <translation>&apos;%1&apos; はシーケンス番号ではありません（数字のみ、最大 129 桁）</translation>
    </message>
    <message>
        <source>Move the checkpoint of shard %1 in application %2 from %3 to %4?

The next worker to take the lease resumes from there; records may be processed again or skipped.</source>
        <translation>アプリケーション %2 のシャード %1 のチェックポイントを %3 から %4 に移動しますか？

次にリースを取得したワーカーはそこから再開します。レコードが再処理されたり、スキップされたりすることがあります。</translation>
    </message>
    <message>
        <source>Reset checkpoint</source>
        <translation>チェックポイントのリセット</translation>
    </message>
    <message>
        <source>A time (the first record at or after it comes next)</source>
        <translation>時刻（その時刻以降の最初のレコードから処理）</translation>
    </message>
    <message>
        <source>Take the lease from %1</source>
        <translation>%1 からリースを取得する</translation>
    </message>
    <message>
        <source>%1 is alive: its lease counter moved within the failover time. It loses the lease and its current batch may be processed again by the next owner.</source>
        <translation>%1 は稼働中です: フェイルオーバー時間内にリースカウンターが変化しました。このワーカーはリースを失い、処理中のバッチは次の所有者によって再処理されることがあります。</translation>
    </message>
    <message>
        <source>Held by:</source>
        <translation>保持者:</translation>
    </message>
    <message>
        <source>%1 (a live worker)</source>
        <translation>%1（稼働中のワーカー）</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>時刻:</translation>
    </message>
    <message>
        <source>%1 holds this lease and is alive: tick &quot;Take the lease from %1&quot; to reset anyway.</source>
        <translation>%1 がこのリースを保持しており、稼働中です。それでもリセットするには「%1 からリースを取得する」にチェックを入れてください。</translation>
    </message>
    <message>
        <source>%1 holds the lease now and loses it.</source>
        <translation>現在 %1 がリースを保持しており、リースを失います。</translation>
    </message>
</context>
<context>
    <name>qmld::ui::ShardTableModel</name>
    <message>
        <source>%1 (this process)</source>
        <translation>%1（このプロセス）</translation>
    </message>
    <message>
        <source>here</source>
        <translation>ここ</translation>
    </message>
    <message>
        <source>%1 (other worker)</source>
        <translation>%1（別のワーカー）</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>by policy</source>
        <translation>ポリシー</translation>
    </message>
    <message>
        <source>pending since %1</source>
        <translation>%1 から保留中</translation>
    </message>
    <message>
        <source>ok %1 (%2)</source>
        <translation>成功 %1（%2）</translation>
    </message>
    <message>
        <source>failed %1: %2</source>
        <translation>失敗 %1: %2</translation>
    </message>
    <message>
        <source>/s</source>
        <translation>/秒</translation>
    </message>
    <message>
        <source>Shard</source>
        <translation>シャード</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>親</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Lease owner</source>
        <translation>リース所有者</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>カウンター</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>Last processed</source>
        <translation>最終処理</translation>
    </message>
    <message>
        <source>Behind latest</source>
        <translation>最新からの遅れ</translation>
    </message>
    <message>
        <source>Records/s</source>
        <translation>レコード/秒</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>バイト/秒</translation>
    </message>
    <message>
        <source>Last checkpoint</source>
        <translation>最終チェックポイント</translation>
    </message>
    <message>
        <source>Owner switches</source>
        <translation>所有者の交代</translation>
    </message>
    <message>
        <source>The shard id (the lease key in the KCL lease table).</source>
        <translation>シャード ID（KCL リーステーブルのリースキー）。</translation>
    </message>
    <message>
        <source>The shards this one was split or merged from; it starts only after they reach SHARD_END.</source>
        <translation>このシャードの分割元または統合元のシャード。それらが SHARD_END に達してから開始します。</translation>
    </message>
    <message>
        <source>What is happening to the shard: processing here or by another worker, waiting for its parents, ended, failed.</source>
        <translation>シャードの状況: このプロセスまたは別のワーカーで処理中、親シャード待ち、終了、失敗。</translation>
    </message>
    <message>
        <source>The worker holding the lease (leaseOwner): this process, another worker, or nobody.</source>
        <translation>リースを保持しているワーカー（leaseOwner）: このプロセス、別のワーカー、またはなし。</translation>
    </message>
    <message>
        <source>leaseCounter: the owner bumps it at every renewal; a counter that stops moving means the owner is gone.</source>
        <translation>leaseCounter: 所有者が更新のたびに増やします。カウンターが止まったら所有者はいなくなっています。</translation>
    </message>
    <message>
        <source>The lease&apos;s checkpoint: processing resumes after it.</source>
        <translation>リースのチェックポイント。処理はその次から再開されます。</translation>
    </message>
    <message>
        <source>The last record the processor here handled.</source>
        <translation>このプロセスのプロセッサーが最後に処理したレコード。</translation>
    </message>
    <message>
        <source>millisBehindLatest: how far behind the tip of the shard the last batch was.</source>
        <translation>millisBehindLatest: 最後のバッチがシャードの先端からどれだけ遅れていたか。</translation>
    </message>
    <message>
        <source>Records handled here per second, over the last seconds.</source>
        <translation>このプロセスで処理した 1 秒あたりのレコード数（直近数秒間）。</translation>
    </message>
    <message>
        <source>Payload bytes handled here per second.</source>
        <translation>このプロセスで処理した 1 秒あたりのペイロードのバイト数。</translation>
    </message>
    <message>
        <source>The last checkpoint asked for here: pending, ok or failed with the daemon&apos;s error.</source>
        <translation>このプロセスで最後に要求したチェックポイント: 保留中、成功、またはデーモンのエラーによる失敗。</translation>
    </message>
    <message>
        <source>ownerSwitchesSinceCheckpoint: how often the lease changed hands since its last checkpoint.</source>
        <translation>ownerSwitchesSinceCheckpoint: 前回のチェックポイント以降にリースの所有者が替わった回数。</translation>
    </message>
    <message>
        <source>%1 (this console, not processing)</source>
        <translation>%1（このコンソール、処理していません）</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1（期限切れ）</translation>
    </message>
    <message>
        <source>at shard end</source>
        <translation>シャード終端で</translation>
    </message>
    <message>
        <source>expired (was %1)</source>
        <translation>期限切れ（以前: %1）</translation>
    </message>
    <message>
        <source>%1 behind the tip: at or over this stream&apos;s lag alert of %2</source>
        <translation>先端から %1 遅れ: このストリームの遅延アラート %2 以上です</translation>
    </message>
    <message>
        <source>the lease&apos;s checkpoint is %1 behind the tip of the shard (measured at %2: no session in this process serves it)</source>
        <translation>リースのチェックポイントはシャードの末尾から %1 遅れています (%2 に測定: このプロセスのセッションはこのシャードを処理していません)</translation>
    </message>
</context>
<context>
    <name>qmld::ui::StreamListModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>起動中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>backing off</source>
        <translation>再起動待ち</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Daemon pid</source>
        <translation>デーモン PID</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>再起動回数</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>稼働時間</translation>
    </message>
    <message>
        <source>Shards</source>
        <translation>シャード</translation>
    </message>
    <message>
        <source>The daemon: running, backing off before a restart, or failed with its last error (hover it).</source>
        <translation>デーモンの状態: 実行中、再起動前の待機中、または最後のエラーで失敗（カーソルを合わせると表示）。</translation>
    </message>
    <message>
        <source>How often the daemon was restarted since it was started.</source>
        <translation>デーモンを開始してから再起動した回数。</translation>
    </message>
    <message>
        <source>The stream&apos;s name in the console.</source>
        <translation>コンソールでのストリームの名前。</translation>
    </message>
    <message>
        <source>The process id of the stream&apos;s daemon while it runs.</source>
        <translation>ストリームのデーモンが実行中のときのプロセス ID。</translation>
    </message>
    <message>
        <source>How long the current daemon has been running.</source>
        <translation>現在のデーモンが実行されている時間。</translation>
    </message>
    <message>
        <source>The shards of the stream known to the console: from the lease table and the sessions here.</source>
        <translation>コンソールが把握しているストリームのシャード（リーステーブルとこのプロセスのセッションから）。</translation>
    </message>
    <message>
        <source>%1 · ⚠ lag</source>
        <translation>%1 · ⚠ 遅延</translation>
    </message>
    <message>
        <source>%1; shards are over the stream&apos;s lag alert</source>
        <translation>%1。シャードがストリームの遅延アラートを超えています</translation>
    </message>
</context>
<context>
    <name>qmld::ui::StreamSettingsDialog</name>
    <message>
        <source>Stream settings</source>
        <translation>ストリームの設定</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>The console&apos;s own name for this stream; not sent to the daemon.</source>
        <translation>このストリームのコンソール内での名前。デーモンには送られません。</translation>
    </message>
    <message>
        <source>&amp;Application name:</source>
        <translation>アプリケーション名(&amp;A):</translation>
    </message>
    <message>
        <source>applicationName: the KCL application; it names the lease table that workers share.</source>
        <translation>applicationName: KCL アプリケーション。ワーカーが共有するリーステーブルの名前になります。</translation>
    </message>
    <message>
        <source>&amp;Stream:</source>
        <translation>ストリーム(&amp;S):</translation>
    </message>
    <message>
        <source>streamName (or streamArn when an ARN is given): the Kinesis or DynamoDB stream to read.</source>
        <translation>streamName（ARN を指定した場合は streamArn）: 読み取る Kinesis または DynamoDB のストリーム。</translation>
    </message>
    <message>
        <source>for example us-east-1</source>
        <translation>例: us-east-1</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>リージョン(&amp;R):</translation>
    </message>
    <message>
        <source>regionName: the AWS region of the stream; not needed by the embedded daemon.</source>
        <translation>regionName: ストリームの AWS リージョン。組み込みデーモンでは不要です。</translation>
    </message>
    <message>
        <source>&amp;Initial position:</source>
        <translation>初期位置(&amp;P):</translation>
    </message>
    <message>
        <source>initialPositionInStream: where a shard without a checkpoint starts: the oldest record, the newest, or a point in time.</source>
        <translation>initialPositionInStream: チェックポイントのないシャードの開始位置。最も古いレコード、最新のレコード、または指定時刻。</translation>
    </message>
    <message>
        <source>&amp;Timestamp:</source>
        <translation>タイムスタンプ(&amp;T):</translation>
    </message>
    <message>
        <source>initialPositionInStreamExtended and timestampAtInitialPositionInStream: the start time for AT_TIMESTAMP, written as epoch seconds.</source>
        <translation>initialPositionInStreamExtended と timestampAtInitialPositionInStream: AT_TIMESTAMP の開始時刻（エポック秒で書き出します）。</translation>
    </message>
    <message>
        <source>&amp;Max records:</source>
        <translation>最大レコード数(&amp;M):</translation>
    </message>
    <message>
        <source>maxRecords: the most records one processRecords call delivers (1 to 10000).</source>
        <translation>maxRecords: 1 回の processRecords 呼び出しで渡される最大レコード数（1～10000）。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>I&amp;dle time between reads:</source>
        <translation>読み取り間隔(&amp;L):</translation>
    </message>
    <message>
        <source>idleTimeBetweenReadsInMillis: how long a shard consumer waits between two reads.</source>
        <translation>idleTimeBetweenReadsInMillis: シャードコンシューマーが読み取りと読み取りの間に待つ時間。</translation>
    </message>
    <message>
        <source>&amp;Failover time:</source>
        <translation>フェイルオーバー時間(&amp;F):</translation>
    </message>
    <message>
        <source>failoverTimeMillis: how long a lease may go unrenewed before another worker takes it.</source>
        <translation>failoverTimeMillis: 別のワーカーに取得されるまでに、リースが更新されないまま許される時間。</translation>
    </message>
    <message>
        <source>Dae&amp;mon:</source>
        <translation>デーモン(&amp;D):</translation>
    </message>
    <message>
        <source>The MultiLangDaemon to run: the embedded qmld-daemon, a KCL preset (needs Java), or a command of your own containing {properties}.</source>
        <translation>実行する MultiLangDaemon: 組み込みの qmld-daemon、KCL プリセット（Java が必要）、または {properties} を含む独自のコマンド。</translation>
    </message>
    <message>
        <source>empty: $QMLD_JAVA_CLASSPATH</source>
        <translation>空欄: $QMLD_JAVA_CLASSPATH</translation>
    </message>
    <message>
        <source>&amp;Java classpath:</source>
        <translation>Java クラスパス(&amp;J):</translation>
    </message>
    <message>
        <source>The classpath (jar files, &apos;:&apos;-separated) of the KCL MultiLangDaemon; KCL presets only.</source>
        <translation>KCL MultiLangDaemon のクラスパス（JAR ファイルを &apos;:&apos; で区切る）。KCL プリセットのみ。</translation>
    </message>
    <message>
        <source>&amp;Credentials provider:</source>
        <translation>認証情報プロバイダー(&amp;C):</translation>
    </message>
    <message>
        <source>AWSCredentialsProvider: the AWS SDK class the KCL gets credentials from.</source>
        <translation>AWSCredentialsProvider: KCL が認証情報を取得する AWS SDK のクラス。</translation>
    </message>
    <message>
        <source>empty: chosen by the daemon</source>
        <translation>空欄: デーモンが選択</translation>
    </message>
    <message>
        <source>&amp;Worker id:</source>
        <translation>ワーカー ID(&amp;W):</translation>
    </message>
    <message>
        <source>workerId: this worker&apos;s name in the lease table (leaseOwner); unique per worker.</source>
        <translation>workerId: リーステーブルでのこのワーカーの名前（leaseOwner）。ワーカーごとに一意です。</translation>
    </message>
    <message>
        <source>empty: the default store</source>
        <translation>空欄: 既定のストア</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose the embedded store file.</source>
        <translation>組み込みストアのファイルを選択します。</translation>
    </message>
    <message>
        <source>S&amp;tore:</source>
        <translation>ストア(&amp;O):</translation>
    </message>
    <message>
        <source>qmldStore: the embedded daemon&apos;s SQLite store holding streams and leases.</source>
        <translation>qmldStore: ストリームとリースを保持する、組み込みデーモンの SQLite ストア。</translation>
    </message>
    <message>
        <source>Off (by hand only)</source>
        <translation>オフ（手動のみ）</translation>
    </message>
    <message>
        <source>Every N records</source>
        <translation>N レコードごと</translation>
    </message>
    <message>
        <source>Every N seconds</source>
        <translation>N 秒ごと</translation>
    </message>
    <message>
        <source>When the console&apos;s worker checkpoints on its own.</source>
        <translation>コンソールのワーカーが自動でチェックポイントするタイミング。</translation>
    </message>
    <message>
        <source>C&amp;heckpoint:</source>
        <translation>チェックポイント(&amp;H):</translation>
    </message>
    <message>
        <source>N: records or seconds between automatic checkpoints.</source>
        <translation>N: 自動チェックポイントの間隔（レコード数または秒数）。</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Read the settings from a KCL .properties file.</source>
        <translation>KCL の .properties ファイルから設定を読み込みます。</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Write these settings as a KCL .properties file.</source>
        <translation>この設定を KCL の .properties ファイルとして書き出します。</translation>
    </message>
    <message>
        <source>Embedded store</source>
        <translation>組み込みストア</translation>
    </message>
    <message>
        <source>SQLite store (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite ストア (*.sqlite *.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source> records</source>
        <translation> レコード</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Import KCL properties</source>
        <translation>KCL プロパティのインポート</translation>
    </message>
    <message>
        <source>Properties files (*.properties);;All files (*)</source>
        <translation>プロパティファイル (*.properties);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 をインポートしました。</translation>
    </message>
    <message>
        <source>Export KCL properties</source>
        <translation>KCL プロパティのエクスポート</translation>
    </message>
    <message>
        <source>Exported by qmld-console</source>
        <translation>Exported by qmld-console</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>%1 にエクスポートしました。</translation>
    </message>
    <message>
        <source>empty: the console&apos;s inspector only</source>
        <translation>空欄: コンソールのインスペクターのみ</translation>
    </message>
    <message>
        <source>Choose a processor plugin (a .so built against qmld).</source>
        <translation>プロセッサープラグイン（qmld に対してビルドした .so）を選択します。</translation>
    </message>
    <message>
        <source>&amp;Processor plugin:</source>
        <translation>プロセッサープラグイン(&amp;U):</translation>
    </message>
    <message>
        <source>Your own RecordProcessor as a Qt plugin: it processes every shard next to the console&apos;s previews; if it throws, only its shard fails.</source>
        <translation>Qt プラグインとしての独自の RecordProcessor: コンソールのプレビューと並んで各シャードを処理します。例外を投げた場合、失敗するのはそのシャードだけです。</translation>
    </message>
    <message>
        <source>The plugin&apos;s argument (its meaning is the plugin&apos;s).</source>
        <translation>プラグインの引数（意味はプラグインが決めます）。</translation>
    </message>
    <message>
        <source>Plugin ar&amp;gument:</source>
        <translation>プラグイン引数(&amp;G):</translation>
    </message>
    <message>
        <source>Processor plugin</source>
        <translation>プロセッサープラグイン</translation>
    </message>
    <message>
        <source>Plugins (*.so);;All files (*)</source>
        <translation>プラグイン (*.so);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>&amp;Lag alert:</source>
        <translation>遅延アラート(&amp;L):</translation>
    </message>
    <message>
        <source>A shard at least this far behind the tip of the stream is marked in the shard table and the stream list, and raises one desktop notification each time it crosses the threshold; 0 is off.</source>
        <translation>ストリームの先端からこれ以上遅れたシャードは、シャード表とストリーム一覧で示され、しきい値を超えるたびにデスクトップ通知を 1 回出します。0 でオフ。</translation>
    </message>
</context>
</TS>
