// The app's tests use the engine package's test database: a real MongoDB when
// MONGODB_URI is set, otherwise the embedded engine in memory. Never a mock.
export {
  driverSuite,
  startTestDatabase,
  type DriverSuite,
  type TestDatabase,
} from '../../packages/embedded-mongo/tests/support/database';
