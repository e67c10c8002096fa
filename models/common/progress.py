"""Progress lines and a clean stop."""
import signal


def fmt_time(seconds):
    """Seconds as 12m05s, for elapsed time and ETA."""
    seconds = int(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s"


def stop_on_signals():
    """Ctrl-C and SIGTERM (a scheduler's stop) both raise KeyboardInterrupt, so the training loop
    saves a checkpoint; set explicitly because a shell can start background jobs with SIGINT ignored."""
    def handler(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
