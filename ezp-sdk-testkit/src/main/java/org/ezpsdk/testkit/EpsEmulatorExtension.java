package org.ezpsdk.testkit;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs an {@link EpsEmulator} for tests and resolves {@code EpsEmulator}
 * parameters of constructors, lifecycle methods and test methods.
 *
 * <p>Registered on the class with {@code @ExtendWith(EpsEmulatorExtension.class)}, it starts one
 * emulator with the defaults before the class's tests and closes it after them. Registered on a
 * static field with {@code @RegisterExtension}, it does the same with the builder's settings:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EpsEmulatorExtension EPS =
 *     EpsEmulatorExtension.perClass(EpsEmulator.builder().stepDelay(Duration.ofMillis(20)));
 * }</pre>
 *
 * <p>{@link #perTest} starts a fresh emulator before each test and closes it after, so tests cannot
 * see each other's letters. An extension registered on an instance (non-static) field is always per
 * test, because JUnit does not call class-level callbacks of such extensions.
 *
 * <p>The JUnit API is an optional dependency of the testkit: add {@code junit-jupiter-api} to the
 * test classpath to use this class.
 */
public final class EpsEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EpsEmulatorExtension.class);

  private final Supplier<EpsEmulator.Builder> builder;
  private final boolean perClass;
  private volatile EpsEmulator current;

  /** Creates the extension with the emulator's defaults, one emulator per test class. */
  public EpsEmulatorExtension() {
    this(EpsEmulator::builder, true);
  }

  private EpsEmulatorExtension(Supplier<EpsEmulator.Builder> builder, boolean perClass) {
    this.builder = builder;
    this.perClass = perClass;
  }

  /** Returns an extension that runs one emulator built by the builder for each test class. */
  public static EpsEmulatorExtension perClass(EpsEmulator.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new EpsEmulatorExtension(() -> builder, true);
  }

  /** Returns an extension that runs a new emulator built by the builder for each test. */
  public static EpsEmulatorExtension perTest(EpsEmulator.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new EpsEmulatorExtension(() -> builder, false);
  }

  /**
   * Returns the running emulator of the current test class or test.
   *
   * @throws IllegalStateException outside a test, when no emulator runs
   */
  public EpsEmulator emulator() {
    EpsEmulator emulator = current;
    if (emulator == null) {
      throw new IllegalStateException(
          "No EPS emulator is running; use emulator() from a test or a lifecycle method");
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // A nested test class shares the emulator of its enclosing class.
    if (perClass && context.getStore(NAMESPACE).get(this, EpsEmulator.class) == null) {
      start(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    EpsEmulator running = context.getStore(NAMESPACE).get(this, EpsEmulator.class);
    if (running == null) {
      start(context);
    } else {
      current = running;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EpsEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EpsEmulator running = context.getStore(NAMESPACE).get(this, EpsEmulator.class);
    if (running == null) {
      throw new ParameterResolutionException(
          "No EPS emulator is running for "
              + context.getDisplayName()
              + "; register EpsEmulatorExtension on the class or a static field to inject it into"
              + " a constructor or @BeforeAll method");
    }
    return running;
  }

  private void start(ExtensionContext context) {
    EpsEmulator emulator = builder.get().build().start();
    context.getStore(NAMESPACE).put(this, emulator);
    current = emulator;
  }

  /** Closes the emulator this context started, if any; one of a parent context stays running. */
  private void stop(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    EpsEmulator own = store.remove(this, EpsEmulator.class);
    if (own != null) {
      own.close();
      current = store.get(this, EpsEmulator.class);
    }
  }
}
