package io.keytrail.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's options: declared once with default and help, parsed from {@code --name value},
 * {@code --name=value} and {@code --flag}. Unknown options and missing values are usage errors.
 */
public final class Options {
    private static final class Spec {
        final String name;
        final String arg;
        final String def;
        final String help;
        final boolean repeatable;

        Spec(String name, String arg, String def, String help, boolean repeatable) {
            this.name = name;
            this.arg = arg;
            this.def = def;
            this.help = help;
            this.repeatable = repeatable;
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private String positionalName;
    private String positionalHelp;

    public Options(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** An option taking a value; {@code def} may be null (no default). */
    public Options value(String name, String arg, String def, String help) {
        specs.put(name, new Spec(name, arg, def, help, false));
        return this;
    }

    /** An option that may be given several times. */
    public Options repeatable(String name, String arg, String def, String help) {
        specs.put(name, new Spec(name, arg, def, help, true));
        return this;
    }

    public Options flag(String name, String help) {
        specs.put(name, new Spec(name, null, null, help, false));
        return this;
    }

    public Options positional(String name, String help) {
        this.positionalName = name;
        this.positionalHelp = help;
        return this;
    }

    public Options parse(String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (positionalName == null) throw new UsageException(command + ": unexpected argument '" + a + "' (see --help)");
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Spec s = specs.get(name);
            if (s == null) throw new UsageException(command + ": unknown option --" + name + " (see " + command + " --help)");
            List<String> vs = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (s.arg == null) {
                if (inline != null) throw new UsageException(command + ": --" + name + " takes no value");
                vs.add("true");
                continue;
            }
            String v = inline;
            if (v == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(command + ": --" + name + " needs a value (" + s.arg + ")");
                }
                v = args[++i];
            }
            if (!s.repeatable && !vs.isEmpty()) throw new UsageException(command + ": --" + name + " given twice");
            vs.add(v);
        }
        return this;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        List<String> v = values.get(name);
        if (v != null && !v.isEmpty()) return v.get(v.size() - 1);
        Spec s = specs.get(name);
        return s == null ? null : s.def;
    }

    public List<String> all(String name) {
        List<String> v = values.get(name);
        if (v != null) return v;
        Spec s = specs.get(name);
        return s == null || s.def == null ? List.of() : List.of(s.def.split(","));
    }

    public List<String> positional() {
        return positional;
    }

    public int intValue(String name, int min) throws UsageException {
        String v = get(name);
        try {
            int n = Integer.parseInt(v);
            if (n < min) throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    public long longValue(String name, long min) throws UsageException {
        String v = get(name);
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n < min) throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    public String help() {
        StringBuilder b = new StringBuilder();
        b.append("usage: keytrail ").append(command).append(" [options]");
        if (positionalName != null) b.append(" ").append(positionalName);
        b.append("\n\n").append(summary).append("\n\noptions:\n");
        int width = 0;
        for (Spec s : specs.values()) width = Math.max(width, left(s).length());
        for (Spec s : specs.values()) {
            b.append("  ").append(pad(left(s), width)).append("  ").append(s.help);
            if (s.def != null) b.append(" (default: ").append(s.def).append(")");
            if (s.repeatable) b.append(" [repeatable]");
            b.append('\n');
        }
        b.append("  ").append(pad("--help", width)).append("  show this help\n");
        if (positionalName != null) b.append("\n").append(positionalName).append(": ").append(positionalHelp).append('\n');
        return b.toString();
    }

    private static String left(Spec s) {
        return "--" + s.name + (s.arg == null ? "" : " " + s.arg);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
