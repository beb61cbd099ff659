# shellcheck shell=bash
# Finds a JDK >= STREAMQ_MIN_JAVA (default 21) and exports JAVA_HOME (for ./mvnw) and puts it first on PATH.
# Sourced by ./stack and .ci/run:
#
#   . tools/find-jdk.sh && streamq_find_jdk || exit 1
#
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (or STREAMQ_JVM_DIR) that is new
# enough, else `java` on PATH if it is new enough. Messages go to stderr only.

# Prints the feature version (8, 17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
streamq_jdk_major() {
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  [ -n "$version" ] || return 1
  case $version in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[!0-9]*}
  [ -n "$version" ] || return 1
  printf '%s\n' "$version"
}

streamq_find_jdk() {
  local min=${STREAMQ_MIN_JAVA:-21} jvm_dir=${STREAMQ_JVM_DIR:-/usr/lib/jvm}
  local found="" best=0 major dir java_bin home

  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(streamq_jdk_major "$JAVA_HOME" || true)
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      found=$JAVA_HOME
    fi
  fi

  if [ -z "$found" ] && [ -d "$jvm_dir" ]; then
    for dir in "$jvm_dir"/*/; do
      dir=${dir%/}
      [ -L "$dir" ] && continue   # aliases such as default-java or java-1.17.0-openjdk-amd64
      major=$(streamq_jdk_major "$dir" || true)
      if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best" ]; then
        best=$major
        found=$dir
      fi
    done
  fi

  if [ -z "$found" ] && java_bin=$(command -v java 2>/dev/null); then
    java_bin=$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")
    home=$(dirname "$(dirname "$java_bin")")
    major=$(streamq_jdk_major "$home" || true)
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      found=$home
    fi
  fi

  if [ -z "$found" ]; then
    {
      echo "error: no JDK $min or newer found."
      echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, $jvm_dir/*, and java on PATH ($(command -v java 2>/dev/null || echo none))"
      echo "  install one (for example the Debian package openjdk-21-jdk-headless, or a Temurin JDK) and/or set JAVA_HOME to it."
    } >&2
    return 1
  fi

  JAVA_HOME=$found
  export JAVA_HOME
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH"; export PATH ;;
  esac
  return 0
}
