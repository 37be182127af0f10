package dev.skiff.spec;

import dev.skiff.testkit.Fuzz;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Random specs built from the records themselves, every field drawn from what makes a writer
 * slip: null, empty, zero, false, the unsigned values above {@code Long.MAX_VALUE}, nested objects
 * whose every field is empty, hostile strings, and extension trees of any JSON value.
 */
final class RandomSpecs {
    private final Random r;

    RandomSpecs(Random r) {
        this.r = r;
    }

    static Spec spec(Random r) {
        return new RandomSpecs(r).spec();
    }

    Spec spec() {
        return new Spec(string(), maybe(this::process), maybe(() -> new Root(string(), r.nextBoolean())), string(),
                string(), list(this::mount), maybe(this::hooks), stringMap(), maybe(this::linux), extensions());
    }

    private ProcessSpec process() {
        return new ProcessSpec(r.nextBoolean(), maybe(() -> new ConsoleSize(r.nextInt(3), r.nextInt(300))),
                maybe(this::user), strings(), strings(), string(), maybe(this::capabilities), list(this::rlimit),
                r.nextBoolean(), string(), maybe(this::smallInt), string(), extensions());
    }

    private User user() {
        return new User(uint32(), uint32(), maybe(this::uint32), list(this::uint32), string());
    }

    private Capabilities capabilities() {
        return new Capabilities(strings(), strings(), strings(), strings(), strings());
    }

    private Rlimit rlimit() {
        return new Rlimit(string(), unsigned(), unsigned());
    }

    private Mount mount() {
        return new Mount(string(), string(), string(), strings(), list(this::idMapping), list(this::idMapping));
    }

    private IdMapping idMapping() {
        return new IdMapping(uint32(), uint32(), uint32());
    }

    private Hooks hooks() {
        return new Hooks(list(this::hook), list(this::hook), list(this::hook), list(this::hook), list(this::hook),
                list(this::hook));
    }

    private Hook hook() {
        return new Hook(string(), strings(), strings(), maybe(this::smallInt));
    }

    private Linux linux() {
        return new Linux(list(this::idMapping), list(this::idMapping), stringMap(), maybe(this::resources), string(),
                list(() -> new Namespace(maybe(() -> pick(NamespaceType.values())), string())),
                list(this::device), maybe(this::seccomp), string(), strings(), strings(), string(),
                maybe(() -> new IntelRdt(string(), string(), string(), string(), r.nextBoolean(), r.nextBoolean())),
                maybe(() -> new Personality(string(), strings())), extensions());
    }

    private Device device() {
        return new Device(string(), string(), signed(), signed(), maybe(this::uint32), maybe(this::uint32),
                maybe(this::uint32));
    }

    private Seccomp seccomp() {
        return new Seccomp(maybe(() -> pick(SeccompAction.values())), maybe(this::smallInt), strings(), strings(),
                string(), string(), list(this::syscall), extensions());
    }

    private Syscall syscall() {
        return new Syscall(strings(), maybe(() -> pick(SeccompAction.values())), maybe(this::smallInt),
                list(() -> new SeccompArg(r.nextInt(7) - 1, unsigned(), unsigned(),
                        maybe(() -> pick(SeccompOperator.values())))));
    }

    private Resources resources() {
        return new Resources(list(this::deviceRule), maybe(this::memory), maybe(this::cpu),
                maybe(() -> new Pids(signed())), maybe(this::blockIo),
                list(() -> new HugepageLimit(string(), unsigned())), maybe(this::network), stringMap(), extensions());
    }

    private DeviceCgroup deviceRule() {
        return new DeviceCgroup(r.nextBoolean(), string(), maybe(this::signed), maybe(this::signed), string());
    }

    private Memory memory() {
        return new Memory(maybe(this::signed), maybe(this::signed), maybe(this::signed), maybe(this::signed),
                maybe(this::signed), maybe(this::unsigned), maybe(r::nextBoolean), maybe(r::nextBoolean),
                maybe(r::nextBoolean));
    }

    private Cpu cpu() {
        return new Cpu(maybe(this::unsigned), maybe(this::signed), maybe(this::unsigned), maybe(this::unsigned),
                maybe(this::signed), maybe(this::unsigned), string(), string(), maybe(this::signed));
    }

    private BlockIo blockIo() {
        return new BlockIo(maybe(this::smallInt), maybe(this::smallInt),
                list(() -> new BlockIo.WeightDevice(signed(), signed(), maybe(this::smallInt), maybe(this::smallInt))),
                list(this::throttle), list(this::throttle), list(this::throttle), list(this::throttle));
    }

    private BlockIo.ThrottleDevice throttle() {
        return new BlockIo.ThrottleDevice(signed(), signed(), unsigned());
    }

    private Network network() {
        return new Network(maybe(this::uint32), list(() -> new Network.InterfacePriority(string(), signed())));
    }

    // ---- values ----

    /** Null half the time: most optional parts of a real spec are absent. */
    private <T> T maybe(Supplier<T> value) {
        return r.nextBoolean() ? null : value.get();
    }

    private <T> List<T> list(Supplier<T> item) {
        List<T> items = new ArrayList<>();
        for (int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0; n > 0; n--) {
            items.add(item.get());
        }
        return items;
    }

    private <T> T pick(T[] values) {
        return values[r.nextInt(values.length)];
    }

    private String string() {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> Fuzz.arbitrary(r);
            default -> Fuzz.TOKENS.get(r.nextInt(Fuzz.TOKENS.size()));
        };
    }

    private List<String> strings() {
        return list(() -> r.nextInt(4) == 0 ? "" : Fuzz.arbitrary(r));
    }

    /** Sorted as the records keep them; values may be null or empty. */
    private Map<String, String> stringMap() {
        Map<String, String> map = new TreeMap<>();
        for (int n = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0; n > 0; n--) {
            map.put(Fuzz.arbitrary(r), r.nextInt(5) == 0 ? null : Fuzz.arbitrary(r));
        }
        return map;
    }

    /** Any JSON trees, nulls and empty containers included, in insertion order. */
    private Map<String, Object> extensions() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0; n > 0; n--) {
            map.put(Fuzz.arbitrary(r), Fuzz.randomValue(r, 3));
        }
        return map;
    }

    private int smallInt() {
        return pick(new Integer[] {0, 1, -1, 38, 4095, Integer.MAX_VALUE, Integer.MIN_VALUE});
    }

    private long uint32() {
        return pick(new Long[] {0L, 1L, 5L, 1000L, 65536L, 4294967294L, 4294967295L});
    }

    private long signed() {
        return pick(new Long[] {0L, 1L, -1L, 1024L, Long.MAX_VALUE, Long.MIN_VALUE, 4294967296L});
    }

    /** Go uint64s, half of them with the top bit set (printed above Long.MAX_VALUE). */
    private long unsigned() {
        return pick(new Long[] {0L, 1L, -1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, 0x7E020000L, -512L});
    }
}
