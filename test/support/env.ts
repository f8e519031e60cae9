/** Loaded before every test file: credentials for the emulators, quiet logs and metrics, Node 20 polyfill. */
import '../../scripts/lib/polyfills';

process.env.AWS_ACCESS_KEY_ID ??= 'testing';
process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
process.env.AWS_REGION ??= 'ap-northeast-2';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'ERROR';
// The functions' EMF metric lines go straight to stdout (as in Lambda); the tests that read them turn them on.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
