#include "TextTable.h"

#include <QTextStream>

#include <algorithm>

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers)), m_rightAligned(m_headers.size(), false)
{
}

void TextTable::setRightAligned(int column)
{
    m_rightAligned[column] = true;
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    m_rows.append(std::move(cells));
}

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths(m_headers.size());
    for (qsizetype c = 0; c < m_headers.size(); ++c) {
        widths[c] = m_headers[c].size();
        for (const QStringList &row : m_rows)
            widths[c] = std::max(widths[c], row[c].size());
    }
    const auto printRow = [&](const QStringList &cells) {
        QString line;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const bool last = c + 1 == cells.size();
            if (c > 0)
                line += QLatin1StringView("  ");
            if (m_rightAligned[c])
                line += cells[c].rightJustified(widths[c]);
            else
                line += last ? cells[c] : cells[c].leftJustified(widths[c]);
        }
        out << line << '\n';
    };
    printRow(m_headers);
    for (const QStringList &row : m_rows)
        printRow(row);
}
