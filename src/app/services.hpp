#pragma once
// The composition root's object graph: one of each long-lived part, wired from the configuration.
// Commands and the server build one `services` and use what they need.
#include <boost/asio/io_context.hpp>

#include <memory>

#include "paperboy/config/config.hpp"
#include "paperboy/digest/digest_service.hpp"
#include "paperboy/harvest/harvester.hpp"
#include "paperboy/metrics/registry.hpp"
#include "paperboy/net/client.hpp"
#include "paperboy/sources/clients.hpp"
#include "paperboy/store/database.hpp"
#include "paperboy/summarize/summarizer.hpp"

namespace paperboy::app {

struct services {
    // Opens the database and applies migrations; throws store::store_error when it cannot.
    services(const config::config& cfg, boost::asio::io_context& ioc, metrics::registry& metrics);

    const config::config& cfg;
    metrics::registry& metrics;
    store::database db;
    net::http_client http;
    sources::arxiv_client arxiv;
    sources::huggingface_client huggingface;
    sources::semantic_scholar_client semantic_scholar;
    harvest::harvester harvester;
    std::unique_ptr<summarize::summarizer> llm;
    digest::digest_service digests;
};

}  // namespace paperboy::app
