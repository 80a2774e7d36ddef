package dev.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's public API, read from its compiled classes and module descriptor: what an embedder
 * can see names no Quartz type and no class of an {@code internal} package, and the module exports
 * exactly the packages that are not {@code internal}.
 */
class ApiSurfaceTest {
  private static Path classes;
  private static ModuleDescriptor module;

  @BeforeAll
  static void readCompiledEngine() throws IOException, URISyntaxException {
    classes =
        Path.of(ReportEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
  }

  @Test
  void theModuleExportsEveryPackageButTheInternalOnesAndNothingElse() throws IOException {
    Set<String> api = new TreeSet<>();
    Set<String> internal = new TreeSet<>();
    for (String pkg : packagesWithClasses()) {
      (isInternal(pkg) ? internal : api).add(pkg);
    }
    Set<String> exported =
        module.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> qualified =
        module.exports().stream()
            .filter(ModuleDescriptor.Exports::isQualified)
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(exported)
        .as("module-info exports (a new API package needs an `exports` line)")
        .isEqualTo(api);
    assertThat(qualified).as("internal packages exported, even to one module").isEmpty();
    assertThat(internal).as("internal packages").isNotEmpty().doesNotContainAnyElementsOf(exported);
  }

  @Test
  void noPublicSignatureOfAnApiPackageNamesQuartzOrAnInternalClass() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : apiTypes()) {
      check(type, "extends", type.getGenericSuperclass(), leaks);
      for (Type i : type.getGenericInterfaces()) {
        check(type, "implements", i, leaks);
      }
      for (TypeVariable<?> v : type.getTypeParameters()) {
        for (Type bound : v.getBounds()) {
          check(type, "type parameter " + v.getName(), bound, leaks);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          check(type, "component " + c.getName(), c.getGenericType(), leaks);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f)) {
          check(type, "field " + f.getName(), f.getGenericType(), leaks);
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c)) {
          checkExecutable(type, c, leaks);
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
          checkExecutable(type, m, leaks);
        }
      }
    }
    assertThat(leaks).as("public API naming Quartz or internal classes").isEmpty();
  }

  @Test
  void everyModuleWhoseTypesThePublicApiNamesIsRequiredTransitively() throws Exception {
    Set<String> transitive =
        module.requires().stream()
            .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (Class<?> type : apiTypes()) {
      for (Type named : signatureTypes(type)) {
        for (Class<?> c : namedClasses(named)) {
          String owner = moduleOf(c);
          if (owner != null
              && !owner.equals("java.base")
              && !owner.equals(module.name())
              && !transitive.contains(owner)) {
            missing.add(type.getName() + " names " + c.getName() + " of module " + owner);
          }
        }
      }
    }
    assertThat(missing)
        .as("API types from modules an embedder would not read (add `requires transitive`)")
        .isEmpty();
  }

  @Test
  void theBuilderOffersNoFieldsAndNoTestHooks() {
    // The engine's own tests reach their hooks through package-private fields; an embedder sees
    // only the documented setters.
    assertThat(ReportEngine.Builder.class.getDeclaredFields())
        .filteredOn(f -> visible(f))
        .isEmpty();
    assertThat(ReportEngine.Builder.class.getDeclaredMethods())
        .filteredOn(m -> visible(m))
        .extracting(Method::getName)
        .doesNotContain("secondsInCron", "quartzFiring", "steps", "export");
  }

  /** Every type a public or protected member, supertype or component of {@code type} names. */
  private static List<Type> signatureTypes(Class<?> type) {
    List<Type> types = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      types.add(type.getGenericSuperclass());
    }
    types.addAll(List.of(type.getGenericInterfaces()));
    for (Field f : type.getDeclaredFields()) {
      if (visible(f)) {
        types.add(f.getGenericType());
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    executables.addAll(List.of(type.getDeclaredMethods()));
    for (Executable e : executables) {
      if (visible(e) && !e.isSynthetic()) {
        if (e instanceof Method m) {
          types.add(m.getGenericReturnType());
        }
        types.addAll(List.of(e.getGenericParameterTypes()));
        types.addAll(List.of(e.getGenericExceptionTypes()));
      }
    }
    return types;
  }

  /** The module a class comes from: its own, or the one its jar would be on the module path. */
  private static String moduleOf(Class<?> c) throws URISyntaxException {
    if (c.isPrimitive()) {
      return null;
    }
    if (c.getModule().isNamed()) {
      return c.getModule().getName();
    }
    Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (location.equals(classes)) {
      return module.name();
    }
    return ModuleFinder.of(location).findAll().stream()
        .map(ref -> ref.descriptor().name())
        .findFirst()
        .orElse(location.toString());
  }

  private static void checkExecutable(Class<?> owner, Executable e, List<String> leaks) {
    String name = e instanceof Constructor<?> ? "constructor" : e.getName() + "(...)";
    if (e instanceof Method m) {
      check(owner, name + " returns", m.getGenericReturnType(), leaks);
    }
    for (Type p : e.getGenericParameterTypes()) {
      check(owner, name + " parameter", p, leaks);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      check(owner, name + " throws", x, leaks);
    }
    for (TypeVariable<?> v : e.getTypeParameters()) {
      for (Type bound : v.getBounds()) {
        check(owner, name + " type parameter " + v.getName(), bound, leaks);
      }
    }
  }

  private static void check(Class<?> owner, String where, Type type, List<String> leaks) {
    if (type == null) {
      return;
    }
    for (Class<?> named : namedClasses(type)) {
      String pkg = named.getPackageName();
      if (pkg.equals("org.quartz") || pkg.startsWith("org.quartz.") || isInternal(pkg)) {
        leaks.add(owner.getName() + " " + where + ": " + named.getName());
      }
    }
  }

  /** Every class a (generic) type mentions: its raw class, arguments, bounds and components. */
  private static List<Class<?>> namedClasses(Type type) {
    List<Class<?>> out = new ArrayList<>();
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      out.add(c);
    } else if (type instanceof ParameterizedType p) {
      out.addAll(namedClasses(p.getRawType()));
      for (Type a : p.getActualTypeArguments()) {
        out.addAll(namedClasses(a));
      }
    } else if (type instanceof GenericArrayType a) {
      out.addAll(namedClasses(a.getGenericComponentType()));
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> out.addAll(namedClasses(b)));
    }
    // A type variable is checked where it is declared.
    return out;
  }

  /** Public and protected types of the API packages, nested ones when their enclosers are too. */
  private static List<Class<?>> apiTypes() throws IOException, ClassNotFoundException {
    List<Class<?>> types = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      String name =
          classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
      name = name.substring(0, name.length() - ".class".length());
      if (name.equals("module-info") || isInternal(packageOf(name))) {
        continue;
      }
      Class<?> type = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
      if (reachable(type)) {
        types.add(type);
      }
    }
    assertThat(types).as("API types found under " + classes).contains(ReportEngine.class);
    return types;
  }

  private static boolean reachable(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      int m = c.getModifiers();
      if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member member) {
    int m = member.getModifiers();
    return Modifier.isPublic(m) || Modifier.isProtected(m);
  }

  private static Set<String> packagesWithClasses() throws IOException {
    try (Stream<Path> walk = Files.walk(classes)) {
      return walk.filter(p -> p.toString().endsWith(".class"))
          .filter(p -> !p.getFileName().toString().equals("module-info.class"))
          .map(
              p ->
                  classes.relativize(p.getParent()).toString().replace('/', '.').replace('\\', '.'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }
}
