package bench

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on Linux).
const clockTick = 10 * time.Millisecond

// processCPU returns the CPU time (user and system) a process has used so
// far, or false when it cannot be read (no /proc, process gone).
func processCPU(pid int) (time.Duration, bool) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name, in parentheses, may hold spaces: fields count
	// from the closing parenthesis.
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * clockTick, true
}

// cpuMeter measures the CPU a server process and the database's backends
// use during a measurement.
type cpuMeter struct {
	server    int           // pid; 0: not measured
	db        *pgxpool.Pool // lists the backends of the benchmark database
	serverAt  time.Duration
	backendAt map[int]time.Duration
}

// backendPIDs lists the server processes connected to the database.
const backendPIDs = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`

func startCPU(ctx context.Context, server int, db *pgxpool.Pool) *cpuMeter {
	m := &cpuMeter{server: server, db: db, backendAt: map[int]time.Duration{}}
	if server > 0 {
		m.serverAt, _ = processCPU(server)
	}
	for _, pid := range m.backends(ctx) {
		if t, ok := processCPU(pid); ok {
			m.backendAt[pid] = t
		}
	}
	return m
}

func (m *cpuMeter) backends(ctx context.Context) []int {
	rows, err := m.db.Query(ctx, backendPIDs)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// stop returns the CPU the server and the database backends used since
// start; negative when unknown. A backend that connected during the
// measurement counts from zero.
func (m *cpuMeter) stop(ctx context.Context) (server, db time.Duration) {
	server, db = -1, -1
	if m.server > 0 {
		if t, ok := processCPU(m.server); ok {
			server = t - m.serverAt
		}
	}
	pids := m.backends(ctx)
	if len(pids) > 0 {
		db = 0
	}
	for _, pid := range pids {
		if t, ok := processCPU(pid); ok {
			db += t - m.backendAt[pid]
		}
	}
	return server, db
}
