package dev.reports.engine.testing;

import dev.reports.engine.run.Run;
import dev.reports.engine.run.RunLog;
import dev.reports.engine.testing.contract.RunLogContract;

class FakeRunLogContractTest extends RunLogContract {
  private final FakeRunLog runLog = new FakeRunLog();

  @Override
  protected RunLog runLog() {
    return runLog;
  }

  @Override
  protected void expireLease(Run run) {
    runLog.expireLease(run);
  }
}
