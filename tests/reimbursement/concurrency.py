"""Run service calls at the same moment in threads (each with its own database connection)."""

import threading

from django.db import close_old_connections, connection

from reimbursement import services


def race(workers):
    """Start every callable in `workers` at once; return (results, ClaimErrors raised)."""
    barrier = threading.Barrier(len(workers))
    errors, results = [], []

    def run(fn):
        try:
            barrier.wait(timeout=10)
            results.append(fn())
        except services.ClaimError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(fn,)) for fn in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    close_old_connections()
    return results, errors
