// Preloaded (node -r) into app processes run with --cpu-prof: the apps re-raise SIGTERM after a
// graceful close, which kills node before it writes the profile; SIGUSR2 exits normally instead.
process.on('SIGUSR2', () => process.exit(0));
