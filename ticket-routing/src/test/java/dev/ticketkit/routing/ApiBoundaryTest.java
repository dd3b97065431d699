package dev.ticketkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.routing.assign.Router;
import dev.ticketkit.routing.internal.AgentPool;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Layout": {@code dev.ticketkit.routing.internal} is not API, so no public or protected member of a
 * public type in the API packages (the root, {@code spi}, {@code rules}, {@code classify}, {@code assign}) takes,
 * returns, throws or extends an internal type, not even as a type argument.
 */
class ApiBoundaryTest {
    private static final String ROOT = "dev.ticketkit.routing";
    private static final String INTERNAL = ROOT + ".internal";

    @Test
    void apiSignaturesNameNoInternalType() throws Exception {
        List<Class<?>> api = new ArrayList<>();
        for (Class<?> c : mainClasses()) {
            if (!c.getPackageName().equals(INTERNAL) && !c.getPackageName().startsWith(INTERNAL + ".") && visible(c)) {
                api.add(c);
            }
        }
        assertThat(api).as("public API types found").hasSizeGreaterThanOrEqualTo(30).contains(Router.class, Category.class);
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : api) {
            leaks.addAll(leaksOf(c));
        }
        assertThat(leaks).isEmpty();
    }

    /** The check finds a leak where there is one (a check that can't fail proves nothing). */
    @Test
    void theCheckSeesInternalTypesInEveryPosition() {
        assertThat(leaksOf(Leaky.class)).hasSize(6).allSatisfy(l -> assertThat(l).contains(AgentPool.class.getName()));
        assertThat(leaksOf(Sealed.class)).isEmpty();
    }

    /** Internal types in a return type, a type argument, an array parameter, a field, a bound and a type variable. */
    @SuppressWarnings("unused")
    public static final class Leaky {
        public AgentPool pool() {
            return null;
        }

        public List<? extends AgentPool> pools() {
            return List.of();
        }

        public void take(AgentPool[] pools) {
        }

        public AgentPool field;

        public <P extends AgentPool> void bounded(P pool) {
        }

        private AgentPool hidden() {
            return null;
        }

        AgentPool packagePrivate() {
            return null;
        }
    }

    /** Internal types behind non-public members only. */
    @SuppressWarnings("unused")
    public static final class Sealed {
        private AgentPool pool;

        private AgentPool pool() {
            return pool;
        }
    }

    /** Every public or protected signature of the class that names an internal type. */
    private static List<String> leaksOf(Class<?> c) {
        List<String> leaks = new ArrayList<>();
        check(c.getGenericSuperclass(), c.getName() + " extends", leaks);
        for (Type t : c.getGenericInterfaces()) {
            check(t, c.getName() + " implements", leaks);
        }
        for (Field f : c.getDeclaredFields()) {
            if (exposed(f.getModifiers())) {
                check(f.getGenericType(), c.getName() + "." + f.getName(), leaks);
            }
        }
        List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
        members.addAll(List.of(c.getDeclaredConstructors()));
        for (Executable m : members) {
            if (!exposed(m.getModifiers()) || m.isSynthetic()) {
                continue;
            }
            String where = c.getName() + "." + (m instanceof Constructor<?> ? "<init>" : m.getName());
            if (m instanceof Method method) {
                check(method.getGenericReturnType(), where + " returns", leaks);
            }
            for (Type p : m.getGenericParameterTypes()) {
                check(p, where + " takes", leaks);
            }
            for (Type x : m.getGenericExceptionTypes()) {
                check(x, where + " throws", leaks);
            }
            for (TypeVariable<?> v : m.getTypeParameters()) {
                check(v, where + " <" + v.getName() + ">", leaks);
            }
        }
        return leaks;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(Type type, String where, List<String> leaks) {
        Set<String> found = new HashSet<>();
        collect(type, found, new HashSet<>());
        for (String name : found) {
            if (name.startsWith(INTERNAL + ".")) {
                leaks.add(where + " " + name);
            }
        }
    }

    private static void collect(Type type, Set<String> names, Set<TypeVariable<?>> seen) {
        if (type instanceof Class<?> c) {
            Class<?> e = c;
            while (e.isArray()) {
                e = e.getComponentType();
            }
            names.add(e.getName());
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), names, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, names, seen);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, names, seen);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, names, seen);
            }
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), names, seen);
        } else if (type instanceof TypeVariable<?> v && seen.add(v)) {
            for (Type b : v.getBounds()) {
                collect(b, names, seen);
            }
        }
    }

    /** Public, and every enclosing class public too. */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic();
    }

    /** Every class compiled from the module's main sources. */
    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Router.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(ROOT.replace('.', '/')))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/').replace('/', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, ApiBoundaryTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
