package dev.reports.engine.internal;

import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerPersistenceDelegateSupport;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerProperties;
import org.quartz.spi.OperableTrigger;

/**
 * Stores {@link RecurrenceTrigger}s in Quartz's {@code QRTZ_SIMPROP_TRIGGERS} table (expression in
 * STR_PROP_1, zone in STR_PROP_2), so they are plain rows rather than serialized Java objects.
 * Registered through the job store's {@code driverDelegateInitString}.
 */
public final class RecurrenceTriggerPersistence
    extends SimplePropertiesTriggerPersistenceDelegateSupport {
  /** The TRIGGER_TYPE of these triggers (at most 8 characters). */
  public static final String TYPE = "RECUR";

  @Override
  public boolean canHandleTriggerType(OperableTrigger trigger) {
    return trigger instanceof RecurrenceTrigger;
  }

  @Override
  public String getHandledTriggerTypeDiscriminator() {
    return TYPE;
  }

  @Override
  protected SimplePropertiesTriggerProperties getTriggerProperties(OperableTrigger trigger) {
    RecurrenceTrigger t = (RecurrenceTrigger) trigger;
    SimplePropertiesTriggerProperties props = new SimplePropertiesTriggerProperties();
    props.setString1(t.expression());
    props.setString2(t.zone());
    return props;
  }

  @Override
  protected TriggerPropertyBundle getTriggerPropertyBundle(
      SimplePropertiesTriggerProperties props) {
    return new TriggerPropertyBundle(
        new RecurrenceTrigger.Builder(props.getString1(), props.getString2()),
        new String[0],
        new Object[0]);
  }
}
