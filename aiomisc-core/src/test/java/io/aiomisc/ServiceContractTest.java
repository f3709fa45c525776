package io.aiomisc;

import io.aiomisc.testing.ServiceContract;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;

/** The core's own services run the lifecycle contract the later modules run. */
class ServiceContractTest {

    /** Mode 1: start() returns. */
    static final class Returning extends Service {
        private final boolean fail;

        Returning(boolean fail) {
            this.fail = fail;
        }

        @Override
        protected void start() {
            if (fail) {
                throw new IllegalStateException("configured to fail");
            }
        }
    }

    /** Mode 2: start() signals started() and runs until interrupted. */
    static final class Running extends Service {
        @Override
        protected void start() throws InterruptedException {
            started();
            new CountDownLatch(1).await();
        }
    }

    @Nested
    class ModeOne extends ServiceContract<Returning> {
        @Override
        protected Returning newService() {
            return new Returning(false);
        }

        @Override
        protected Returning newFailingService() {
            return new Returning(true);
        }
    }

    @Nested
    class ModeTwo extends ServiceContract<Running> {
        @Override
        protected Running newService() {
            return new Running();
        }
    }
}
