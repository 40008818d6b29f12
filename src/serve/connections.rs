//! The connections of `tongbao serve`, each resource bounded. One thread reads every request
//! head as it arrives (the system's readiness notifications, through mio): a connection that
//! has not sent a whole head within [`IDLE`] is closed, one whose head is too long gets
//! 414/431, and at most [`MAX_OPEN`] heads are read at once (more get 503). A whole head goes,
//! with its connection, to a small pool of [`WORKERS`] threads through a queue of
//! [`QUEUE`] places (a full queue: 503). An idle or hostile connection thus holds a few bytes
//! of the reading thread's, never a thread of its own.

use super::http::{self, Refusal, Request};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

/// How long a connection may take to send its request head.
pub const IDLE: Duration = Duration::from_secs(10);
/// How many connections may be sending their heads at once.
pub const MAX_OPEN: usize = 1024;
/// The threads that answer requests.
pub const WORKERS: usize = 4;
/// Requests read and waiting for a worker.
pub const QUEUE: usize = 64;
/// How long a refused connection is read (and what it sends thrown away) after its answer, so
/// that closing it does not reset the answer away before the client has read it.
const DRAIN: Duration = Duration::from_secs(2);
/// How long a worker may take to send an answer to a client that does not read it.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers one request on its connection (blocking, in a worker thread).
pub type Answer = dyn Fn(Request, std::net::TcpStream) + Send + Sync;

const LISTENER: Token = Token(0);

/// A connection whose head is being read, or whose refusal is being drained.
struct Open {
    stream: TcpStream,
    received: Vec<u8>,
    /// When it is closed at the latest.
    until: Instant,
    draining: bool,
}

/// Serves `listener` until the process ends; `Err` only if no worker thread could be started.
pub fn serve(listener: std::net::TcpListener, answer: Arc<Answer>) -> Result<(), String> {
    let queue = start_workers(answer)?;
    listener.set_nonblocking(true).map_err(|e| format!("错误：{e}\n"))?;
    let mut listener = TcpListener::from_std(listener);
    let mut poll = Poll::new().map_err(|e| format!("错误：无法等待网络连接：{e}\n"))?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)
        .map_err(|e| format!("错误：无法等待网络连接：{e}\n"))?;
    let mut events = Events::with_capacity(256);
    let mut open: HashMap<Token, Open> = HashMap::new();
    let mut next = 1usize;
    let mut scratch = vec![0u8; 16 * 1024];
    loop {
        let wait = open.values().map(|c| c.until.saturating_duration_since(Instant::now())).min();
        if let Err(e) = poll.poll(&mut events, Some(wait.unwrap_or(IDLE))) {
            if e.kind() != ErrorKind::Interrupted {
                eprintln!("错误：等待网络连接失败：{e}");
                std::thread::sleep(Duration::from_millis(100));
            }
            continue;
        }
        for event in &events {
            if event.token() == LISTENER {
                accept_all(&listener, &poll, &mut open, &mut next);
                continue;
            }
            let token = event.token();
            let Some(conn) = open.get_mut(&token) else { continue };
            match read_more(conn, &mut scratch) {
                Step::Wait => {}
                Step::Close => close(&poll, &mut open, token),
                Step::Refuse(refusal) => refuse(&mut open, token, refusal),
                Step::Whole(request) => {
                    let Some(mut conn) = open.remove(&token) else { continue };
                    let _ = poll.registry().deregister(&mut conn.stream);
                    hand_over(&queue, request, conn.stream);
                }
            }
        }
        let now = Instant::now();
        let expired: Vec<Token> = open.iter().filter(|(_, c)| c.until <= now).map(|(t, _)| *t).collect();
        for token in expired {
            close(&poll, &mut open, token);
        }
    }
}

/// Starts the worker threads, each taking requests from the queue; a thread that cannot be
/// started is said on stderr, and only when none can is serving impossible.
fn start_workers(answer: Arc<Answer>) -> Result<SyncSender<(Request, std::net::TcpStream)>, String> {
    let (send, receive) = sync_channel::<(Request, std::net::TcpStream)>(QUEUE);
    let receive = Arc::new(std::sync::Mutex::new(receive));
    let mut started = 0;
    for i in 0..WORKERS {
        let (receive, answer) = (Arc::clone(&receive), Arc::clone(&answer));
        match std::thread::Builder::new().name(format!("serve-{i}")).spawn(move || work(&receive, &*answer)) {
            Ok(_) => started += 1,
            Err(e) => eprintln!("错误：无法启动应答线程：{e}"),
        }
    }
    if started == 0 {
        return Err("错误：无法启动任何应答线程，预览无法提供\n".into());
    }
    Ok(send)
}

/// A worker: answers requests until the queue is gone. A panic while answering ends that
/// answer (its connection closes), not the worker.
fn work(receive: &std::sync::Mutex<Receiver<(Request, std::net::TcpStream)>>, answer: &Answer) {
    loop {
        let next = match receive.lock() {
            Ok(receive) => receive.recv(),
            Err(_) => return,
        };
        let Ok((request, stream)) = next else { return };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(request, stream)));
        if answered.is_err() {
            eprintln!("错误：应答请求时程序出错（已断开该连接，预览继续）");
        }
    }
}

/// Takes every connection waiting to be accepted.
fn accept_all(listener: &TcpListener, poll: &Poll, open: &mut HashMap<Token, Open>, next: &mut usize) {
    loop {
        match listener.accept() {
            Ok((mut stream, _)) => {
                if open.len() >= MAX_OPEN {
                    busy(&mut stream);
                    continue;
                }
                *next = next.wrapping_add(1).max(1);
                let token = Token(*next);
                if poll.registry().register(&mut stream, token, Interest::READABLE).is_ok() {
                    let until = Instant::now() + IDLE;
                    open.insert(token, Open { stream, received: Vec::new(), until, draining: false });
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // Out of file descriptors and the like: try again at the next readiness.
            Err(_) => return,
        }
    }
}

/// What a connection's new bytes make of it.
enum Step {
    Wait,
    Close,
    Refuse(Refusal),
    Whole(Request),
}

/// Reads what a connection has sent (never more than a head can hold) and looks at it.
fn read_more(conn: &mut Open, scratch: &mut [u8]) -> Step {
    let limit = http::MAX_REQUEST_LINE + http::MAX_HEADERS + 4;
    loop {
        match conn.stream.read(scratch) {
            Ok(0) => return Step::Close,
            Ok(_) if conn.draining => {}
            Ok(n) => {
                conn.received.extend_from_slice(&scratch[..n]);
                match http::parse_head(&conn.received) {
                    Ok(None) if conn.received.len() <= limit => {}
                    Ok(None) => return Step::Refuse(Refusal::HeadersTooLarge),
                    Ok(Some(request)) => return Step::Whole(request),
                    Err(refusal) => return Step::Refuse(refusal),
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Step::Wait,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Step::Close,
        }
    }
}

fn close(poll: &Poll, open: &mut HashMap<Token, Open>, token: Token) {
    if let Some(mut conn) = open.remove(&token) {
        let _ = poll.registry().deregister(&mut conn.stream);
    }
}

/// Answers a refused request and drains its connection for a while before closing it.
fn refuse(open: &mut HashMap<Token, Open>, token: Token, refusal: Refusal) {
    let Some(conn) = open.get_mut(&token) else { return };
    http::respond(&mut conn.stream, false, refusal.status(), http::TEXT, refusal.status().as_bytes());
    let _ = conn.stream.shutdown(std::net::Shutdown::Write);
    conn.received = Vec::new();
    conn.draining = true;
    conn.until = Instant::now() + DRAIN;
}

/// 503 to a connection there is no room for.
fn busy(stream: &mut impl Write) {
    http::respond(stream, false, "503 Service Unavailable", http::TEXT, "预览服务繁忙，请稍后再试".as_bytes());
}

/// Gives a whole request to the workers, or answers 503 when all are busy and the queue full.
fn hand_over(queue: &SyncSender<(Request, std::net::TcpStream)>, request: Request, stream: TcpStream) {
    let Ok(stream) = blocking(stream) else { return };
    if let Err(TrySendError::Full((_, mut stream)) | TrySendError::Disconnected((_, mut stream))) =
        queue.try_send((request, stream))
    {
        busy(&mut stream);
    }
}

/// The connection as a blocking standard stream, for a worker.
fn blocking(stream: TcpStream) -> std::io::Result<std::net::TcpStream> {
    #[cfg(unix)]
    let stream = std::net::TcpStream::from(std::os::fd::OwnedFd::from(stream));
    #[cfg(windows)]
    let stream = std::net::TcpStream::from(std::os::windows::io::OwnedSocket::from(stream));
    stream.set_nonblocking(false)?;
    Ok(stream)
}
