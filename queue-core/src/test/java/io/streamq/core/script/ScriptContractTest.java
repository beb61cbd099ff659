package io.streamq.core.script;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every script in {@code commands/} states its calling convention in its docblock, and the Java side keeps to it:
 * each script is loaded by one holder constant (so its docblock parses) and run by a caller in some module; every
 * caller names each key and value it sends ({@link ScriptCall} refuses a name out of the docblock's order, so the
 * script tests, which drive each caller, fail on a drift); and each docblock's {@code Publishes:} line names what
 * the script really publishes.
 */
class ScriptContractTest {

    private static final List<Class<?>> HOLDERS = List.of(Commands.class, AdminCommands.class, DlqCommands.class,
            HandlerCommands.class, SecurityCommands.class, ScheduleCommands.class, JobControlCommands.class);
    private static final Path COMMANDS = Path.of("src/main/resources/io/streamq/core/commands");
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z.-]+)'");
    private static final Pattern EVENT_FIELD = Pattern.compile("\\b(?:state|type) = '([a-z.-]+)'");
    private static final Pattern RECORD = Pattern.compile("local RECORD = \\{([^}]*)}");

    @Test
    void everyScriptFileIsLoadedByOneHolderConstant() throws IOException {
        assertThat(scripts().keySet()).containsExactlyInAnyOrderElementsOf(files());
    }

    @Test
    void everyScriptHasACallerOutsideItsHolder() throws IOException {
        String sources = mainSources();
        List<String> uncalled = new ArrayList<>();
        for (Map.Entry<String, String> constant : constants().entrySet()) {
            if (!sources.contains(constant.getValue())) {
                uncalled.add(constant.getKey() + " (" + constant.getValue() + ")");
            }
        }
        assertThat(uncalled).as("scripts no main code runs").isEmpty();
    }

    @Test
    void everyDocblockNamesItsKeysAndValuesOnce() {
        for (LuaScript script : scripts().values()) {
            ScriptContract c = script.contract();
            assertThat(c.keys().names(1)).as(script.name() + " KEYS").isNotEmpty().doesNotHaveDuplicates()
                    .allMatch(name -> !name.isBlank());
            List<String> argv = new ArrayList<>(c.argv().fixed());
            argv.addAll(c.argv().row());
            assertThat(argv).as(script.name() + " ARGV").doesNotHaveDuplicates().allMatch(name -> !name.isBlank());
            assertThat(c.row()).as(script.name() + " ROW").doesNotHaveDuplicates();
        }
    }

    @Test
    void theRecordsALuaScriptReadsByNameAreTheOnesItsDocblockLists() throws IOException {
        int checked = 0;
        for (LuaScript script : scripts().values()) {
            Matcher record = RECORD.matcher(ownText(script));
            if (record.find()) {
                List<String> names = QUOTED.matcher(record.group(1)).results().map(m -> m.group(1)).toList();
                assertThat(names).as(script.name()).isEqualTo(script.contract().argv().row());
                checked++;
            }
        }
        assertThat(checked).as("scripts reading records by name").isEqualTo(2);
    }

    @Test
    void everyDocblockListsWhatItsScriptPublishes() throws IOException {
        for (LuaScript script : scripts().values()) {
            String text = ownText(script);
            String publishes = script.contract().publishes();
            boolean handsOff = text.contains("'XADD', KEYS")
                    && script.contract().keys().fixed().contains("dead stream");
            boolean publishing = text.contains("publishEvents(") || text.contains("'PUBLISH'") || handsOff;
            assertThat(publishes.startsWith("nothing")).as(script.name() + " publishes: " + publishes)
                    .isEqualTo(!publishing);
            Set<String> declared = new HashSet<>(QUOTED.matcher(publishes).results().map(m -> m.group(1)).toList());
            Set<String> emitted = new HashSet<>(EVENT_FIELD.matcher(text).results().map(m -> m.group(1)).toList());
            assertThat(declared).as(script.name() + ": events its docblock lists").containsAll(emitted);
            for (String event : declared) {
                assertThat(script.source()).as(script.name() + " publishes " + event).contains("'" + event + "'");
            }
            if (handsOff) {
                assertThat(publishes).as(script.name()).contains("dead stream");
            }
        }
    }

    @Test
    void aCallThatDriftsFromTheDocblockFailsBeforeReachingRedis() {
        assertThatThrownBy(() -> ScriptCall.of(Commands.PROMOTE).key("stream", "k"))
                .hasMessageContaining("KEYS[1] is 'delayed'");
        ScriptCall call = ScriptCall.of(Commands.HAND_BACK).key("stream", "s").key("counts", "c")
                .arg("group", "g").arg("consumer", "c").arg("jobPrefix", "p").arg("queue", "q");
        assertThatThrownBy(call::args).hasMessageContaining("do not complete");
        assertThatThrownBy(() -> call.arg("entryId", "1-0")).hasMessageContaining("ARGV[5] is 'channel'");
        assertThat(call.arg("channel", "ch").arg("entryId", "1-0").arg("entryId", "2-0").args()).hasSize(7);
    }

    @Test
    void optionalKeysMayBeLeftOutOnlyAtTheEnd() {
        ScriptParams keys = HandlerCommands.TRACK_EVENT.contract().keys();
        assertThat(keys.complete(4)).isTrue();
        assertThat(keys.complete(6)).isTrue();
        assertThat(keys.complete(3)).isFalse();
        assertThat(keys.complete(7)).isFalse();
    }

    /** Script name → script, over all holder constants; a name loaded twice fails. */
    private static Map<String, LuaScript> scripts() {
        Map<String, LuaScript> all = new LinkedHashMap<>();
        for (Class<?> holder : HOLDERS) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == LuaScript.class) {
                    LuaScript script = (LuaScript) read(f);
                    assertThat(all.put(script.name(), script)).as(script.name() + " loaded twice").isNull();
                }
            }
        }
        return all;
    }

    /** Script name → how code names its constant ({@code Commands.CLAIM}). */
    private static Map<String, String> constants() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Class<?> holder : HOLDERS) {
            for (Field f : holder.getFields()) {
                if (f.getType() == LuaScript.class) {
                    all.put(((LuaScript) read(f)).name(), holder.getSimpleName() + "." + f.getName());
                }
            }
        }
        return all;
    }

    private static Object read(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(COMMANDS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lua"))
                    .map(n -> n.substring(0, n.length() - 4)).toList();
        }
    }

    /** The script's own file, without its includes. */
    private static String ownText(LuaScript script) throws IOException {
        try (InputStream in = LuaScript.class.getResourceAsStream("/io/streamq/core/commands/" + script.name()
                + ".lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The main Java sources of every module (queue-core's own holders aside). */
    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of(".."), 12)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/io/streamq/core/script/")).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }
}
