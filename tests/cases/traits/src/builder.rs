//! Builders: `&mut self -> &mut Self` and `self -> Self`.

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub timeout: u32,
}

/// Builds a request step by step.
#[derive(Debug, Default)]
pub struct RequestBuilder {
    url: String,
    headers: Vec<(String, String)>,
    timeout: u32,
}

impl RequestBuilder {
    pub fn new(url: &str) -> RequestBuilder {
        RequestBuilder {
            url: url.to_string(),
            ..Default::default()
        }
    }
    /// Adds a header.
    pub fn header(&mut self, name: &str, value: &str) -> &mut Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    pub fn timeout(&mut self, seconds: u32) -> &mut RequestBuilder {
        self.timeout = seconds;
        self
    }
    pub fn build(&self) -> Request {
        Request {
            url: self.url.clone(),
            headers: self.headers.clone(),
            timeout: self.timeout,
        }
    }
}

/// A builder that moves through its steps.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub parts: Vec<String>,
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }
    pub fn filter(mut self, part: &str) -> Self {
        self.parts.push(part.to_string());
        self
    }
    pub fn text(&self) -> String {
        self.parts.join(" AND ")
    }
}
