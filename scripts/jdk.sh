# Sourced by ./opentss, ./mvnw and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then `java` on PATH.

opentss_java_major() {
    # prints the major version of the java binary given, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

opentss_find_jdk() {
    local candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(opentss_java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            return 0
        fi
        echo "opentss: JAVA_HOME=$JAVA_HOME is Java ${major:-?}; looking for a JDK >= 21 under /usr/lib/jvm" >&2
    fi
    for candidate in /usr/lib/jvm/*; do
        [ -x "$candidate/bin/javac" ] || continue
        major=$(opentss_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(opentss_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            best="$candidate"
        fi
    fi
    if [ -z "$best" ]; then
        echo "opentss: no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm/*, PATH). Install one, e.g. 'apt-get install openjdk-21-jdk-headless'." >&2
        return 1
    fi
    export JAVA_HOME="$best"
}

opentss_find_jdk || exit 1
# Maven 3.8 on JDK 24+ warns about sun.misc.Unsafe; the flag is unknown before JDK 23.
if [ "$(opentss_java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
    case " ${MAVEN_OPTS:-} " in
        *sun-misc-unsafe-memory-access*) ;;
        *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
fi
