#!/bin/sh
# JVM options and java.security edits in a start script.

java -Dhttps.protocols=TLSv1,TLSv1.1 -jar app.jar # want "TF-JAVA-006"
java -Dhttps.protocols=TLSv1.2,TLSv1.3 -jar app.jar # ok "TF-JAVA-006"
/usr/lib/jvm/java-17/bin/java "-Djdk.tls.client.protocols=TLSv1" -jar app.jar # want "TF-JAVA-006"
# java -Dhttps.protocols=TLSv1 -jar app.jar # ok "TF-JAVA-006"
echo "-Dhttps.protocols=TLSv1 is what the old server needed" # ok "TF-JAVA-006"
export JAVA_TOOL_OPTIONS="-Xmx512m -Djdk.tls.client.protocols=TLSv1.1,TLSv1.2" # want "TF-JAVA-006"
JAVA_OPTS="$JAVA_OPTS -Djdk.tls.server.protocols=SSLv3" # want "TF-JAVA-006"
CATALINA_OPTS="-Dhttps.protocols=TLSv1.3" # ok "TF-JAVA-006"
OTHER="-Dhttps.protocols=TLSv1" # ok "TF-JAVA-006"

sed -i 's/TLSv1, TLSv1.1, //' "$JAVA_HOME/conf/security/java.security" # want "TF-JAVA-007"
sed -i -e 's/^jdk.tls.disabledAlgorithms=.*/jdk.tls.disabledAlgorithms=SSLv3, RC4/' /etc/java-17-openjdk/security/java.security # want "TF-JAVA-007"
sed -i 's/TLSv1, TLSv1.1, /TLSv1, TLSv1.1, DTLSv1.0, /' "$JAVA_HOME/conf/security/java.security" # ok "TF-JAVA-007"
sed -i 's/TLSv1, //' app.properties # ok "TF-JAVA-007"
# sed -i 's/TLSv1, TLSv1.1, //' "$JAVA_HOME/conf/security/java.security" # ok "TF-JAVA-007"
echo "jdk.tls.disabledAlgorithms=SSLv3, RC4" >> "$JAVA_HOME/conf/security/java.security" # want "TF-JAVA-007"
echo "jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, RC4" > /tmp/tls.security # ok "TF-JAVA-007"
