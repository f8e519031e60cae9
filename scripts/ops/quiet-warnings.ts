/**
 * The AWS SDK warns on every start that its releases after January 2027 will need Node 22. On an
 * operator's terminal that multi-line notice buries the one line that matters; the SDK's own
 * switch turns it off (an operator can still set the variable to false to see it).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
