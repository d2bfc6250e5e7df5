"""rq queues, the tasks of the chain scan -> snapshot -> diff -> analyse -> notify, and the scheduler."""
