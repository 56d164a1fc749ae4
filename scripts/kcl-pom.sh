#!/usr/bin/env bash
# Prints the POM whose runtime dependencies are one KCL MultiLangDaemon's
# classpath: kcl-pom.sh GROUP ARTIFACT VERSION. `qmld kcl install` writes the same.
set -euo pipefail
cat <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.qmld</groupId>
  <artifactId>kcl-classpath</artifactId>
  <version>$3</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>$1</groupId>
      <artifactId>$2</artifactId>
      <version>$3</version>
    </dependency>
  </dependencies>
</project>
POM
