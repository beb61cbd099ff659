package io.streamq.core.script;

import java.util.ArrayList;
import java.util.List;

/**
 * One call of a script, its keys and values each given with the name its docblock lists at that place (see
 * {@link ScriptContract}): a key or value out of place fails here, before anything reaches Redis.
 */
public final class ScriptCall {

    private final LuaScript script;
    private final List<String> keys = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private ScriptCall(LuaScript script) {
        this.script = script;
    }

    public static ScriptCall of(LuaScript script) {
        return new ScriptCall(script);
    }

    public ScriptCall key(String name, String key) {
        expect("KEYS", script.contract().keys(), keys.size(), name);
        keys.add(key);
        return this;
    }

    public ScriptCall arg(String name, String value) {
        expect("ARGV", script.contract().argv(), args.size(), name);
        args.add(value);
        return this;
    }

    public ScriptCall arg(String name, long value) {
        return arg(name, Long.toString(value));
    }

    public LuaScript script() {
        return script;
    }

    /** The keys, once the call names all its docblock requires. */
    public List<String> keys() {
        complete("KEYS", script.contract().keys(), keys.size());
        return keys;
    }

    /** The values, once the call names all its docblock requires. */
    public List<String> args() {
        complete("ARGV", script.contract().argv(), args.size());
        return args;
    }

    private void expect(String list, ScriptParams params, int position, String name) {
        String expected = params.nameAt(position);
        if (!name.equals(expected)) {
            throw new IllegalArgumentException(script.name() + ": " + list + "[" + (position + 1) + "] is '"
                    + expected + "' in its docblock, the call names '" + name + "'");
        }
    }

    private void complete(String list, ScriptParams params, int count) {
        if (!params.complete(count)) {
            throw new IllegalArgumentException(script.name() + ": " + count + " " + list + " do not complete "
                    + params);
        }
    }
}
